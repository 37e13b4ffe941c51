import { expect, it } from 'vitest';
import type { SsoHandoffRecord, SsoPendingRecord } from '../../../app/ports/sso-store.js';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

const pending = (overrides: Partial<SsoPendingRecord> = {}): SsoPendingRecord => ({
  stateHash: 's'.repeat(64),
  nonce: 'nonce-1',
  codeVerifier: 'v'.repeat(43),
  client: 'desktop',
  challenge: 'c'.repeat(43),
  expiresAt: at(600),
  ...overrides,
});

const handoff = (overrides: Partial<SsoHandoffRecord> = {}): SsoHandoffRecord => ({
  codeHash: 'h'.repeat(64),
  userId: 'alice',
  client: 'console',
  challenge: 'c'.repeat(43),
  expiresAt: at(60),
  ...overrides,
});

/** Single sign-on: identities linked once per issuer and subject; waiting sign-ins and hand-offs taken once. */
export function ssoContract(ctx: ContractContext): void {
  it('links an identity once per issuer and subject and records sign-ins', async () => {
    const identity = { issuer: 'https://idp.example', subject: 'u-1', userId: 'alice', createdAt: at(0), lastLoginAt: at(0) };
    await ctx.store.insertSsoIdentity(identity);
    expect(await ctx.store.findSsoIdentity('https://idp.example', 'u-1')).toEqual(identity);
    expect(await ctx.store.findSsoIdentity('https://other.example', 'u-1')).toBeUndefined();
    await expect(ctx.store.insertSsoIdentity({ ...identity, userId: 'bob' })).rejects.toThrow();
    await ctx.store.touchSsoIdentity('https://idp.example', 'u-1', at(90));
    expect((await ctx.store.findSsoIdentity('https://idp.example', 'u-1'))?.lastLoginAt).toEqual(at(90));
  });

  it('gives a waiting sign-in back once', async () => {
    await ctx.store.insertSsoPending(pending());
    expect(await ctx.store.takeSsoPending('s'.repeat(64))).toEqual(pending());
    expect(await ctx.store.takeSsoPending('s'.repeat(64))).toBeUndefined();
    expect(await ctx.store.takeSsoPending('x'.repeat(64))).toBeUndefined();
  });

  it('gives a hand-off code back once, inside a transaction too', async () => {
    await ctx.store.insertSsoHandoff(handoff());
    const taken = await ctx.store.transaction((tx) => tx.takeSsoHandoff('h'.repeat(64)));
    expect(taken).toEqual(handoff());
    expect(await ctx.store.takeSsoHandoff('h'.repeat(64))).toBeUndefined();
  });

  it('forgets expired waiting sign-ins and hand-offs only', async () => {
    await ctx.store.insertSsoPending(pending({ stateHash: '1'.repeat(64), expiresAt: at(10) }));
    await ctx.store.insertSsoPending(pending({ stateHash: '2'.repeat(64), expiresAt: at(30) }));
    await ctx.store.insertSsoHandoff(handoff({ codeHash: '1'.repeat(64), expiresAt: at(10) }));
    await ctx.store.insertSsoHandoff(handoff({ codeHash: '2'.repeat(64), expiresAt: at(30) }));
    await ctx.store.deleteExpiredSso(at(10));
    expect(await ctx.store.takeSsoPending('1'.repeat(64))).toBeUndefined();
    expect(await ctx.store.takeSsoHandoff('1'.repeat(64))).toBeUndefined();
    expect(await ctx.store.takeSsoPending('2'.repeat(64))).toBeDefined();
    expect(await ctx.store.takeSsoHandoff('2'.repeat(64))).toBeDefined();
  });
}
