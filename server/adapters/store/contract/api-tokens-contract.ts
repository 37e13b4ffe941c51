import { expect, it } from 'vitest';
import type { ApiTokenRecord } from '../../../app/ports/api-token-store.js';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

/** An API token record for the store contract. */
export function makeApiToken(overrides: Partial<ApiTokenRecord> = {}): ApiTokenRecord {
  return {
    id: 'tok-1',
    tokenHash: 'a'.repeat(64),
    prefix: 'klx_Abc12345',
    name: 'CLI on my laptop',
    kind: 'personal',
    ownerId: 'alice',
    scopes: ['incidents:read', 'incidents:act'],
    createdAt: at(0),
    expiresAt: at(86_400),
    lastUsedAt: null,
    revokedAt: null,
    revokedBy: null,
    ...overrides,
  };
}

/** API tokens: kept by hash, listed per owner newest first, revoked once, last-used only forward. */
export function apiTokensContract(ctx: ContractContext): void {
  it('round-trips a token and finds it by its hash only', async () => {
    const token = makeApiToken();
    await ctx.store.insertApiToken(token);
    expect(await ctx.store.findApiTokenByHash(token.tokenHash)).toEqual(token);
    expect(await ctx.store.getApiToken('tok-1')).toEqual(token);
    expect(await ctx.store.findApiTokenByHash('b'.repeat(64))).toBeUndefined();
    expect(await ctx.store.getApiToken('nope')).toBeUndefined();
  });

  it('refuses a second token with the same hash', async () => {
    await ctx.store.insertApiToken(makeApiToken());
    await expect(ctx.store.insertApiToken(makeApiToken({ id: 'tok-2' }))).rejects.toThrow();
  });

  it('lists one owner\'s tokens or all of them, newest first', async () => {
    await ctx.store.insertApiToken(makeApiToken({ id: 'tok-1', tokenHash: '1'.repeat(64), createdAt: at(0) }));
    await ctx.store.insertApiToken(makeApiToken({ id: 'tok-2', tokenHash: '2'.repeat(64), createdAt: at(60) }));
    await ctx.store.insertApiToken(makeApiToken({ id: 'tok-3', tokenHash: '3'.repeat(64), ownerId: 'admin', kind: 'service', scopes: ['ingest'], createdAt: at(30) }));
    expect((await ctx.store.listApiTokens('alice')).map((t) => t.id)).toEqual(['tok-2', 'tok-1']);
    expect((await ctx.store.listApiTokens()).map((t) => t.id)).toEqual(['tok-2', 'tok-3', 'tok-1']);
    expect((await ctx.store.getApiToken('tok-3'))?.scopes).toEqual(['ingest']);
  });

  it('revokes a token once, keeping the first revocation', async () => {
    await ctx.store.insertApiToken(makeApiToken());
    expect(await ctx.store.revokeApiToken('tok-1', at(10), 'alice')).toBe(true);
    expect(await ctx.store.revokeApiToken('tok-1', at(20), 'admin')).toBe(false);
    expect(await ctx.store.revokeApiToken('nope', at(20), 'admin')).toBe(false);
    const stored = await ctx.store.getApiToken('tok-1');
    expect(stored?.revokedAt).toEqual(at(10));
    expect(stored?.revokedBy).toBe('alice');
  });

  it('moves last-used times forward only, many in one call, inside a transaction too', async () => {
    await ctx.store.insertApiToken(makeApiToken({ id: 'tok-1', tokenHash: '1'.repeat(64) }));
    await ctx.store.insertApiToken(makeApiToken({ id: 'tok-2', tokenHash: '2'.repeat(64) }));
    await ctx.store.touchApiTokens([{ id: 'tok-1', at: at(120) }, { id: 'tok-2', at: at(60) }]);
    await ctx.store.transaction((tx) => tx.touchApiTokens([{ id: 'tok-1', at: at(90) }, { id: 'tok-2', at: at(180) }]));
    expect((await ctx.store.getApiToken('tok-1'))?.lastUsedAt).toEqual(at(120));
    expect((await ctx.store.getApiToken('tok-2'))?.lastUsedAt).toEqual(at(180));
  });
}
