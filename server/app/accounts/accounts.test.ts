import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import type { StoreSession, TokenRecord, UserRecord } from '../ports/store.js';
import { createAccounts } from './accounts.js';
import { hashPassword } from './password.js';
import { hashToken } from './tokens.js';

/** The few store calls accounts use, kept in memory. */
function fakeStore(users: UserRecord[]) {
  const tokens = new Map<string, TokenRecord>();
  const deactivated = new Set<string>();
  const store = {
    tokens,
    deactivated,
    findUserDeactivation: async (id: string) => (deactivated.has(id) ? { userId: id, deactivatedAt: new Date(0), deactivatedBy: null } : undefined),
    getUser: async (id: string) => users.find((u) => u.id === id),
    findUserByLogin: async (login: string) =>
      users.find((u) => u.id === login || u.email.toLowerCase() === login.toLowerCase()),
    insertToken: async (token: TokenRecord) => void tokens.set(token.tokenHash, { ...token }),
    findToken: async (hash: string) => tokens.get(hash),
    revokeToken: async (hash: string, at: Date) => {
      const token = tokens.get(hash);
      if (token) token.revokedAt = at;
    },
  };
  return store as typeof store & StoreSession;
}

async function setup() {
  const ann: UserRecord = {
    id: 'ann',
    name: 'Ann Example',
    email: 'ann@example.com',
    role: 'ir-manager',
    notify: [{ channel: 'push', after: 0 }],
    passwordHash: await hashPassword('change-me-ann'),
  };
  const locked: UserRecord = { ...ann, id: 'locked', email: 'locked@example.com', passwordHash: null };
  const store = fakeStore([ann, locked]);
  const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
  const accounts = createAccounts({ store, clock, tokenTtlSeconds: 3600 });
  return { store, clock, accounts };
}

describe('accounts', () => {
  it('signs in by id or e-mail and stores only the token hash', async () => {
    const { store, accounts } = await setup();
    const response = await accounts.login({ username: 'ann', password: 'change-me-ann' });
    expect(response).toMatchObject({ expiresAt: '2026-11-02T15:00:00.000Z', user: { id: 'ann', role: 'ir-manager' } });
    expect(response!.user).not.toHaveProperty('passwordHash');
    expect(response!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect([...store.tokens.keys()]).toEqual([hashToken(response!.token)]);
    expect(hashToken(response!.token)).toMatch(/^[0-9a-f]{64}$/);
    expect(await accounts.login({ username: 'ANN@example.com', password: 'change-me-ann' })).toBeDefined();
  });

  it('refuses a wrong password, an unknown user and a user without a password alike', async () => {
    const { accounts } = await setup();
    expect(await accounts.login({ username: 'ann', password: 'wrong' })).toBeUndefined();
    expect(await accounts.login({ username: 'nobody', password: 'change-me-ann' })).toBeUndefined();
    expect(await accounts.login({ username: 'locked', password: 'change-me-ann' })).toBeUndefined();
  });

  it('accepts a token until it expires', async () => {
    const { clock, accounts } = await setup();
    const { token } = (await accounts.login({ username: 'ann', password: 'change-me-ann' }))!;
    expect((await accounts.authenticate(token))?.id).toBe('ann');
    clock.advance(3600_000 - 1);
    expect((await accounts.authenticate(token))?.id).toBe('ann');
    clock.advance(1);
    expect(await accounts.authenticate(token)).toBeUndefined();
  });

  it('refuses a revoked token at once, and only that one', async () => {
    const { store, clock, accounts } = await setup();
    const first = (await accounts.login({ username: 'ann', password: 'change-me-ann' }))!;
    const second = (await accounts.login({ username: 'ann', password: 'change-me-ann' }))!;
    clock.advance(1000);
    await accounts.logout(first.token);
    expect(await accounts.authenticate(first.token)).toBeUndefined();
    expect((await accounts.authenticate(second.token))?.id).toBe('ann');
    expect(store.tokens.get(hashToken(first.token))?.revokedAt).toEqual(clock.now());
  });

  it('announces a sign-out, so that the sockets of that token are cut, with the session of the token', async () => {
    const { accounts } = await setup();
    const ends: unknown[] = [];
    accounts.ends.subscribe((end) => ends.push(end));
    const { token } = (await accounts.login({ username: 'ann', password: 'change-me-ann' }))!;
    expect(await accounts.session(token)).toMatchObject({ kind: 'login', tokenHash: hashToken(token), expiresAt: new Date('2026-11-02T15:00:00Z') });
    await accounts.logout(token);
    await accounts.logout(token);
    expect(ends).toEqual([{ kind: 'token', tokenHash: hashToken(token) }]);
  });

  it('refuses the tokens and the sign-in of a deactivated person, as it does a wrong password', async () => {
    const { store, accounts } = await setup();
    const { token } = (await accounts.login({ username: 'ann', password: 'change-me-ann' }))!;
    store.deactivated.add('ann');
    expect(await accounts.authenticate(token)).toBeUndefined();
    expect(await accounts.login({ username: 'ann', password: 'change-me-ann' })).toBeUndefined();
    store.deactivated.delete('ann');
    expect((await accounts.authenticate(token))?.id).toBe('ann');
  });

  it('refuses unknown, empty and absurdly long tokens', async () => {
    const { accounts } = await setup();
    expect(await accounts.authenticate('not-a-token')).toBeUndefined();
    expect(await accounts.authenticate('')).toBeUndefined();
    expect(await accounts.authenticate('x'.repeat(10_000))).toBeUndefined();
  });
});
