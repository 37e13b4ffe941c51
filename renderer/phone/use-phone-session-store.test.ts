import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { User } from '../../shared/schemas/user.js';
import { PhoneApiError, type PhoneApi } from './phone-api.js';
import { PhoneServicesKey, type PhoneStorage } from './phone-services.js';
import { DEVICE_TOKEN_KEY, DEVICE_USER_KEY, usePhoneSessionStore } from './use-phone-session-store.js';

const bob: User = { id: 'bob', name: 'Bob', email: 'bob@example.com', role: 'responder', notify: [] };

describe('usePhoneSessionStore', () => {
  let items: Map<string, string>;
  let me: () => Promise<User>;
  const api = {
    pair: async (code: string, name: string) => {
      if (code !== 'ABCD2345') throw new PhoneApiError('this pairing code is wrong, used or expired', 400);
      return { token: 'kxd_1', device: { id: 'd1', name }, user: bob };
    },
    me: async () => me(),
    signInAndRegister: async (_username: string, password: string, name: string, totp?: string) => {
      sentCodes.push(totp);
      if (password !== 'pw') throw new PhoneApiError('invalid username or password', 401);
      if (totp !== '123456') throw new PhoneApiError(totp ? 'that code is not right' : 'enter the 6-digit code', 401, 'totp');
      return { token: 'kxd_2', device: { id: 'd2', name }, user: bob };
    },
    signOut: async (token: string) => signOut(token),
  } as unknown as PhoneApi;
  let signOut: (token: string) => Promise<void>;
  let signedOut: string[];
  let sentCodes: Array<string | undefined>;

  beforeEach(() => {
    items = new Map();
    me = async () => bob;
    signedOut = [];
    sentCodes = [];
    signOut = async (token) => void signedOut.push(token);
    const storage: PhoneStorage = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) };
    const pinia = createPinia();
    createApp({}).provide(PhoneServicesKey, { api, storage, openLink: () => { throw new Error('unused'); }, ringer: { start() {}, stop() {}, ringing: false } }).use(pinia);
    setActivePinia(pinia);
  });

  it('pairs with a code and keeps the device token across launches', async () => {
    const session = usePhoneSessionStore();
    expect(await session.pair('WRONG', 'Pixel')).toBe(false);
    expect(session.error).toBe('this pairing code is wrong, used or expired');
    expect(await session.pair('ABCD2345', 'Pixel')).toBe(true);
    expect(session.signedIn).toBe(true);
    expect(items.get(DEVICE_TOKEN_KEY)).toBe('kxd_1');
    expect(JSON.parse(items.get(DEVICE_USER_KEY)!)).toEqual(bob);
  });

  it('shows the code field when the relay asks for the authenticator code, and sends it only then', async () => {
    const session = usePhoneSessionStore();
    expect(await session.signIn('bob', 'pw', 'Pixel', '999999')).toBe(false);
    expect(session.codeNeeded).toBe(true);
    expect(await session.signIn('bob', 'pw', 'Pixel', '123456')).toBe(true);
    expect(sentCodes).toEqual([undefined, '123456']);
    expect(items.get(DEVICE_TOKEN_KEY)).toBe('kxd_2');
  });

  it('signs out on the relay before forgetting the token, and keeps it when the relay cannot be reached', async () => {
    const session = usePhoneSessionStore();
    await session.pair('ABCD2345', 'Pixel');
    signOut = async () => {
      throw new PhoneApiError('The relay cannot be reached; check the network', 0);
    };
    expect(await session.signOut()).toBe(false);
    expect(items.get(DEVICE_TOKEN_KEY)).toBe('kxd_1');
    expect(session.error).toBe('The relay cannot be reached; check the network');
    signOut = async (token) => void signedOut.push(token);
    expect(await session.signOut()).toBe(true);
    expect(signedOut).toEqual(['kxd_1']);
    expect(session.signedIn).toBe(false);
    expect(items.has(DEVICE_TOKEN_KEY)).toBe(false);
  });

  it('forgets a revoked token at launch, and keeps paging offline as the person last seen', async () => {
    items.set(DEVICE_TOKEN_KEY, 'kxd_1');
    items.set(DEVICE_USER_KEY, JSON.stringify(bob));
    me = async () => {
      throw new PhoneApiError('The relay cannot be reached; check the network', 0);
    };
    const session = usePhoneSessionStore();
    await session.restore();
    expect(session.token).toBe('kxd_1');
    expect(session.user).toEqual(bob);

    me = async () => {
      throw new PhoneApiError('sign in first', 401);
    };
    await session.restore();
    expect(session.signedIn).toBe(false);
    expect(items.has(DEVICE_TOKEN_KEY)).toBe(false);
    expect(session.error).toBe('This phone was unpaired; pair it again');
  });
});
