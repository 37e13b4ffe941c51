import { beforeEach, describe, expect, it } from 'vitest';
import type { LoginResponse } from '../../shared/schemas/user.js';
import { RelayError } from '../services/relay-api.js';
import {
  createFakeApi,
  createFakeHost,
  createFakeLink,
  type FakeApi,
  type FakeHost,
  installTestPinia,
} from '../testing/fake-services.js';
import { useSessionStore } from './use-session-store.js';

const answer: LoginResponse = {
  token: 'tok-1',
  expiresAt: '2030-01-01T00:00:00Z',
  user: { id: 'ada', name: 'Ada Lovelace', email: 'ada@example.com', role: 'ir-manager', notify: [] },
};

describe('useSessionStore', () => {
  let host: FakeHost;
  let api: FakeApi;
  let calls: Array<{ relayUrl: string; username: string }>;

  function setup(
    login: (relayUrl: string) => Promise<LoginResponse>,
    me: (relayUrl: string, token: string) => Promise<LoginResponse['user']> = async () => answer.user,
  ): void {
    host = createFakeHost();
    calls = [];
    api = createFakeApi(async (relayUrl, request) => {
      calls.push({ relayUrl, username: request.username });
      return login(relayUrl);
    }, me);
    installTestPinia({
      host,
      api,
      openLink: () => createFakeLink(),
      now: () => new Date('2030-01-01T12:00:00Z'),
    });
  }

  beforeEach(() => setup(async () => answer));

  it('starts signed out', () => {
    const session = useSessionStore();
    expect(session.status).toBe('signed-out');
    expect(session.user).toBeNull();
  });

  it('signs in, keeps the token in the host and remembers the relay address', async () => {
    const session = useSessionStore();
    const pending = session.signIn({ relayUrl: 'http://relay.example:7300/', username: ' ada ', password: 'pw' });
    expect(session.status).toBe('signing-in');
    await expect(pending).resolves.toBe(true);
    expect(session.status).toBe('signed-in');
    expect(session.user?.name).toBe('Ada Lovelace');
    expect(session.token).toBe('tok-1');
    expect(session.relayUrl).toBe('http://relay.example:7300');
    expect(host.token).toBe('tok-1');
    expect(host.settings.relayUrl).toBe('http://relay.example:7300');
    expect(calls).toEqual([{ relayUrl: 'http://relay.example:7300', username: 'ada' }]);
  });

  it('stays signed out with the relay error message when the login is refused', async () => {
    setup(async () => {
      throw new RelayError('unauthorized', 'Wrong username or password');
    });
    const session = useSessionStore();
    await expect(session.signIn({ relayUrl: 'http://127.0.0.1:7300', username: 'ada', password: 'x' })).resolves.toBe(false);
    expect(session.status).toBe('signed-out');
    expect(session.error).toBe('Wrong username or password');
    expect(host.token).toBeNull();
  });

  it('asks for the authenticator code as a step, sends it only once asked, and reports a refused code', async () => {
    const sent: Array<string | undefined> = [];
    host = createFakeHost();
    api = createFakeApi(async (_relayUrl, request) => {
      sent.push(request.totp);
      if (request.totp === '654321') return answer;
      throw new RelayError('second-factor', request.totp ? 'that code is not right' : 'enter the code');
    });
    installTestPinia({ host, api, openLink: () => createFakeLink(), now: () => new Date('2030-01-01T12:00:00Z') });
    const session = useSessionStore();
    const form = { relayUrl: 'http://127.0.0.1:7300', username: 'ada', password: 'pw', totp: '111111' };
    await expect(session.signIn(form)).resolves.toBe(false);
    expect(session.codeNeeded).toBe(true);
    expect(session.error).toBeNull();
    await expect(session.signIn({ ...form, totp: '000000' })).resolves.toBe(false);
    expect(session.error).toBe('that code is not right');
    await expect(session.signIn({ ...form, totp: '654321' })).resolves.toBe(true);
    expect(session.codeNeeded).toBe(false);
    expect(sent).toEqual([undefined, '000000', '654321']);
  });

  it('rejects a relay address that is not http(s) without calling the relay', async () => {
    const session = useSessionStore();
    await session.signIn({ relayUrl: 'ftp://relay', username: 'ada', password: 'pw' });
    expect(session.error).toMatch(/http:\/\/ or https:\/\//);
    expect(calls).toEqual([]);
  });

  it('signs out, revokes and clears the token and keeps the reason for the sign-in view', async () => {
    const session = useSessionStore();
    await session.signIn({ relayUrl: 'http://127.0.0.1:7300', username: 'ada', password: 'pw' });
    await session.signOut('Your session ended');
    expect(session.status).toBe('signed-out');
    expect(session.user).toBeNull();
    expect(session.token).toBeNull();
    expect(host.token).toBeNull();
    expect(api.loggedOut).toEqual(['tok-1']);
    expect(session.error).toBe('Your session ended');
  });

  it('resumes a kept session at the relay in settings', async () => {
    host.token = 'kept';
    host.settings.relayUrl = 'http://noc.example:7300';
    const session = useSessionStore();
    await expect(session.restore()).resolves.toBe(true);
    expect(session.status).toBe('signed-in');
    expect(session.user?.id).toBe('ada');
    expect(session.relayUrl).toBe('http://noc.example:7300');
  });

  it('does nothing to restore without a kept token', async () => {
    const session = useSessionStore();
    await expect(session.restore()).resolves.toBe(false);
    expect(session.status).toBe('signed-out');
    expect(session.error).toBeNull();
  });

  it('forgets a kept token the relay refuses, but keeps it when the relay is unreachable', async () => {
    setup(
      async () => answer,
      async () => {
        throw new RelayError('unauthorized', 'Your session has ended; sign in again');
      },
    );
    host.token = 'stale';
    await expect(useSessionStore().restore()).resolves.toBe(false);
    expect(host.token).toBeNull();
    expect(useSessionStore().error).toBe('Your session has ended; sign in again');

    setup(
      async () => answer,
      async () => {
        throw new RelayError('unreachable', 'The relay at http://127.0.0.1:7300 is unreachable');
      },
    );
    host.token = 'kept';
    await expect(useSessionStore().restore()).resolves.toBe(false);
    expect(host.token).toBe('kept');
    expect(useSessionStore().status).toBe('signed-out');
  });
});
