import { describe, expect, it } from 'vitest';
import type { Store, StoreSession, UserRecord } from '../ports/store.js';
import { adminBanner, bootstrapAdmin, generatePassword } from './bootstrap-admin.js';
import { verifyPassword } from './password.js';

function fakeStore(users: UserRecord[] = []) {
  const session = {
    countUsers: async () => users.length,
    upsertUser: async (user: UserRecord) => void users.push(user),
  } as unknown as StoreSession;
  return { users, store: { ...session, transaction: (fn: (tx: StoreSession) => unknown) => fn(session) } as unknown as Store };
}

describe('bootstrapAdmin', () => {
  it('creates admin with a random password and prints it once in two lines', async () => {
    const { users, store } = fakeStore();
    const printed: string[] = [];
    expect(await bootstrapAdmin({ store, print: (text) => printed.push(text) })).toBe(true);
    expect(users).toHaveLength(1);
    expect(users[0]).toMatchObject({ id: 'admin', role: 'admin' });
    expect(printed).toHaveLength(1);
    expect(printed[0]!.trimEnd().split('\n')).toHaveLength(2);
    const password = /password: (\S+)/.exec(printed[0]!)?.[1];
    expect(password).toHaveLength(20);
    expect(await verifyPassword(password!, users[0]!.passwordHash!)).toBe(true);

    expect(await bootstrapAdmin({ store, print: (text) => printed.push(text) })).toBe(false);
    expect(printed).toHaveLength(1);
  });

  it('generates unambiguous passwords of the asked length', () => {
    const password = generatePassword();
    expect(password).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(generatePassword()).not.toBe(password);
    expect(adminBanner('p')).toContain('admin');
  });
});
