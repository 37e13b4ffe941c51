import type { Socket } from 'socket.io';
import { describe, expect, it } from 'vitest';
import type { Accounts } from '../../app/accounts/accounts.js';
import type { Session } from '../../app/accounts/session.js';
import { authenticateSocket } from './socket-auth.js';

const session: Session = {
  user: { id: 'bob', name: 'Bob Example', email: 'bob@example.com', role: 'responder', notify: [{ channel: 'push', after: 0 }] },
  kind: 'device',
  tokenHash: 'a'.repeat(64),
  expiresAt: null,
  deviceId: 'phone-1',
};
const accounts = { session: async (token: string) => (token === 'device-token' ? session : undefined) } as unknown as Accounts;

/** Runs the middleware on a stand-in socket; answers the socket and the error `next` got, if any. */
async function connect(kind: Session['kind'], auth: unknown) {
  const socket = { handshake: { auth }, data: {} } as unknown as Socket;
  const error = await new Promise<Error | undefined>((resolve) => authenticateSocket(accounts, kind)(socket, resolve));
  return { socket, error };
}

describe('socket authentication', () => {
  it('keeps only who the socket is and its token hash, and drops the bearer token from the handshake', async () => {
    const { socket, error } = await connect('device', { token: 'device-token' });
    expect(error).toBeUndefined();
    expect(socket.data).toEqual({ user: { id: 'bob', role: 'responder' }, session: { tokenHash: 'a'.repeat(64), expiresAt: null } });
    expect(JSON.stringify(socket.handshake)).not.toContain('device-token');
  });

  it('refuses a missing, unknown or wrong-kind token', async () => {
    expect((await connect('device', {})).error).toEqual(new Error('unauthorized'));
    expect((await connect('device', { token: 'nope' })).error).toEqual(new Error('unauthorized'));
    expect((await connect('login', { token: 'device-token' })).error).toEqual(new Error('unauthorized'));
  });
});
