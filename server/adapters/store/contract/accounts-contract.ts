import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, makeToken, makeUser } from './fixtures.js';

/** Users and bearer tokens: round trips, upserts, log-in look-ups and revocation. */
export function accountsContract(ctx: ContractContext): void {
  it('stores a user and reads back the same record', async () => {
    const user = makeUser();
    await ctx.store.upsertUser(user);
    expect(await ctx.store.getUser('alice')).toEqual(user);
    expect(await ctx.store.getUser('nobody')).toBeUndefined();
  });

  it('replaces a user on upsert and counts and lists users by id', async () => {
    expect(await ctx.store.countUsers()).toBe(0);
    await ctx.store.upsertUser(makeUser({ id: 'bob', email: 'bob@example.com' }));
    await ctx.store.upsertUser(makeUser());
    const changed = makeUser({
      name: 'Alice Changed',
      email: 'alice@new.example.com',
      role: 'admin',
      notify: [{ channel: 'ntfy', after: 60 }],
      passwordHash: null,
    });
    await ctx.store.upsertUser(changed);
    expect(await ctx.store.countUsers()).toBe(2);
    expect(await ctx.store.getUser('alice')).toEqual(changed);
    expect((await ctx.store.listUsers()).map((u) => u.id)).toEqual(['alice', 'bob']);
  });

  it('finds a user by id or by e-mail address in any case', async () => {
    const user = makeUser();
    await ctx.store.upsertUser(user);
    expect(await ctx.store.findUserByLogin('alice')).toEqual(user);
    expect(await ctx.store.findUserByLogin('alice.example@example.com')).toEqual(user);
    expect(await ctx.store.findUserByLogin('ALICE.EXAMPLE@EXAMPLE.COM')).toEqual(user);
    expect(await ctx.store.findUserByLogin('bob@example.com')).toBeUndefined();
  });

  it('stops finding a user by an old e-mail address after an upsert changed it', async () => {
    await ctx.store.upsertUser(makeUser());
    await ctx.store.upsertUser(makeUser({ email: 'alice@new.example.com' }));
    expect(await ctx.store.findUserByLogin('alice.example@example.com')).toBeUndefined();
    expect((await ctx.store.findUserByLogin('Alice@New.Example.com'))?.id).toBe('alice');
  });

  it('stores a token and finds it by its hash', async () => {
    await ctx.store.upsertUser(makeUser());
    const token = makeToken();
    await ctx.store.insertToken(token);
    expect(await ctx.store.findToken(token.tokenHash)).toEqual(token);
    expect(await ctx.store.findToken('unknown')).toBeUndefined();
  });

  it('revokes one token and keeps its first revocation time', async () => {
    await ctx.store.upsertUser(makeUser());
    const token = makeToken();
    const other = makeToken();
    await ctx.store.insertToken(token);
    await ctx.store.insertToken(other);
    await ctx.store.revokeToken(token.tokenHash, at(60));
    await ctx.store.revokeToken(token.tokenHash, at(120));
    expect((await ctx.store.findToken(token.tokenHash))?.revokedAt).toEqual(at(60));
    expect((await ctx.store.findToken(other.tokenHash))?.revokedAt).toBeNull();
  });

  it("revokes every token of one user and none of another user's", async () => {
    await ctx.store.upsertUser(makeUser());
    await ctx.store.upsertUser(makeUser({ id: 'bob', email: 'bob@example.com' }));
    const first = makeToken();
    const second = makeToken();
    const bobs = makeToken({ userId: 'bob' });
    for (const token of [first, second, bobs]) await ctx.store.insertToken(token);
    await ctx.store.revokeTokensOfUser('alice', at(30));
    expect((await ctx.store.findToken(first.tokenHash))?.revokedAt).toEqual(at(30));
    expect((await ctx.store.findToken(second.tokenHash))?.revokedAt).toEqual(at(30));
    expect((await ctx.store.findToken(bobs.tokenHash))?.revokedAt).toBeNull();
  });

  it('refuses a token of an unknown user', async () => {
    await expect(ctx.store.insertToken(makeToken({ userId: 'ghost' }))).rejects.toThrow();
  });
}
