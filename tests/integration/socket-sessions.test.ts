import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { CommandRefusal } from '../../shared/socket-events.js';
import { registerPhone } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
const sockets: Socket[] = [];

/** The example config plus an admin, `root`. */
const config = () =>
  writeTestConfig((doc) => {
    doc.users?.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
  });

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config() } });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
});

async function login(username: string, base = relay.url): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `change-me-${username}` }),
  });
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}`);
  return ((await response.json()) as { token: string }).token;
}

function api(method: string, path: string, token: string, body?: unknown, base = relay.url): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Opens a socket; resolves with it connected, or with the connect error. */
function open(namespace: '/console' | '/device', token: string, base = relay.url): Promise<{ socket: Socket; error?: Error }> {
  const socket = connect(`${base}${namespace}`, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => resolve({ socket, error }));
  });
}

async function connected(namespace: '/console' | '/device', token: string, base = relay.url): Promise<Socket> {
  const { socket, error } = await open(namespace, token, base);
  if (error) throw error;
  return socket;
}

/** Resolves with how long the socket took to be disconnected by the relay; rejects after `withinMs`. */
function cutWithin(socket: Socket, withinMs: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve(0);
    const timer = setTimeout(() => reject(new Error(`the socket was still connected after ${withinMs} ms`)), withinMs);
    socket.once('disconnect', (reason) => {
      clearTimeout(timer);
      expect(reason).toBe('io server disconnect');
      resolve(performance.now() - started);
    });
  });
}

const subscribe = (socket: Socket) => new Promise<CommandResult<unknown>>((resolve) => socket.emit('board:subscribe', resolve));

describe('open sockets follow their session', () => {
  it('signing out cuts the sockets of that token within a second, and they cannot come back', async () => {
    const token = await login('ann');
    const other = await login('ann');
    const board = await connected('/console', token);
    const second = await connected('/console', token);
    const otherBoard = await connected('/console', other);
    expect((await subscribe(board)).ok).toBe(true);

    const cut = Promise.all([cutWithin(board, 1_000), cutWithin(second, 1_000)]);
    expect((await api('POST', '/api/v1/auth/logout', token)).status).toBe(204);
    await cut;
    expect((await open('/console', token)).error?.message).toBe('unauthorized');
    // Only that token: the person's other session goes on.
    expect(otherBoard.connected).toBe(true);
    expect((await subscribe(otherBoard)).ok).toBe(true);
  });

  it('a role change cuts the person’s consoles and phones; the console comes back with the new role', async () => {
    const root = await login('root');
    const token = await login('bob');
    const board = await connected('/console', token);
    const phone = await connected('/device', await registerPhone(relay.url, token));
    const cut = Promise.all([cutWithin(board, 1_000), cutWithin(phone, 1_000)]);
    const changed = await api('PATCH', '/api/v1/users/bob', root, { role: 'responder' });
    expect(changed.status).toBe(200);
    expect(await changed.json()).toMatchObject({ user: { id: 'bob', role: 'responder' }, active: true });
    await cut;
    await connected('/console', token);
    expect(await (await api('GET', '/api/v1/me', token)).json()).toMatchObject({ role: 'responder' });
  });

  it('deactivation cuts every socket and token of the person, refuses sign-in, and reactivation lets them sign in again', async () => {
    const root = await login('root');
    const token = await login('dan');
    const board = await connected('/console', token);
    const deviceToken = await registerPhone(relay.url, token);
    const phone = await connected('/device', deviceToken);
    const cut = Promise.all([cutWithin(board, 1_000), cutWithin(phone, 1_000)]);
    expect((await api('PATCH', '/api/v1/users/dan', root, { active: false })).status).toBe(200);
    await cut;
    expect((await open('/console', token)).error?.message).toBe('unauthorized');
    expect((await open('/device', deviceToken)).error?.message).toBe('unauthorized');
    expect((await api('GET', '/api/v1/me', token)).status).toBe(401);
    expect((await api('GET', '/api/v1/me', deviceToken)).status).toBe(401);
    await expect(login('dan')).rejects.toThrow('401');

    expect(await (await api('PATCH', '/api/v1/users/dan', root, { active: true })).json()).toMatchObject({ active: true });
    await connected('/console', await login('dan'));
    // The old login token stays revoked; the phone pages again.
    expect((await api('GET', '/api/v1/me', token)).status).toBe(401);
    await connected('/device', deviceToken);
  });

  it('revoking a person’s sessions cuts and ends every login token and phone of theirs', async () => {
    const root = await login('root');
    const token = await login('cara');
    const board = await connected('/console', token);
    const deviceToken = await registerPhone(relay.url, token);
    const phone = await connected('/device', deviceToken);
    const cut = Promise.all([cutWithin(board, 1_000), cutWithin(phone, 1_000)]);
    const revoked = await api('POST', '/api/v1/users/cara/revoke-sessions', root);
    expect(await revoked.json()).toEqual({ revokedDevices: 1 });
    await cut;
    expect((await api('GET', '/api/v1/me', token)).status).toBe(401);
    expect((await open('/device', deviceToken)).error?.message).toBe('unauthorized');
  });

  it('refuses user admin to non-admins, and bad input with a 4xx naming the field', async () => {
    const root = await login('root');
    const manager = await login('ann');
    expect((await api('PATCH', '/api/v1/users/bob', manager, { role: 'admin' })).status).toBe(403);
    expect((await api('POST', '/api/v1/users/bob/revoke-sessions', manager)).status).toBe(403);
    const cases: [unknown, string][] = [
      [{ role: 'king' }, 'role'],
      [{ active: 'no' }, 'active'],
      [{}, 'role'],
      [[], 'body'],
    ];
    for (const [body, field] of cases) {
      const response = await api('PATCH', '/api/v1/users/bob', root, body);
      expect(response.status).toBe(400);
      expect(((await response.json()) as { field: string }).field).toBe(field);
    }
    const extra = await api('PATCH', '/api/v1/users/bob', root, { role: 'responder', admin: true });
    expect(extra.status).toBe(400);
    expect(((await extra.json()) as { error: string }).error).toContain('admin');
    expect((await api('PATCH', '/api/v1/users/nobody', root, { role: 'responder' })).status).toBe(404);
    expect((await api('PATCH', `/api/v1/users/${'x'.repeat(5000)}`, root, { role: 'responder' })).status).toBe(414);
    const last = await api('PATCH', '/api/v1/users/root', root, { active: false });
    expect(last.status).toBe(409);
    expect(((await last.json()) as { field: string }).field).toBe('active');
  });
});

describe('device tokens reach only what a phone does', () => {
  it('refuses administrative routes and minting to a device token, and signing out on the phone revokes it', async () => {
    const token = await login('ann');
    const deviceToken = await registerPhone(relay.url, token);
    expect((await api('GET', '/api/v1/me', deviceToken)).status).toBe(200);
    expect((await api('GET', '/api/v1/me/pages', deviceToken)).status).toBe(200);
    for (const [method, path] of [
      ['POST', '/api/v1/devices/pairing-codes'],
      ['POST', '/api/v1/devices'],
      ['GET', '/api/v1/devices'],
      ['POST', '/api/v1/wallboard-tokens'],
      ['GET', '/api/v1/incidents'],
      ['GET', '/api/v1/users'],
      ['PUT', '/api/v1/schedules/noc'],
      ['POST', '/api/v1/policies'],
      ['PATCH', '/api/v1/users/ann'],
    ] as const) {
      const response = await api(method, path, deviceToken, method === 'GET' ? undefined : { name: 'x' });
      expect(`${method} ${path} ${response.status}`).toBe(`${method} ${path} 403`);
    }
    const phone = await connected('/device', deviceToken);
    const cut = cutWithin(phone, 1_000);
    expect((await api('POST', '/api/v1/auth/logout', deviceToken)).status).toBe(204);
    await cut;
    expect((await api('GET', '/api/v1/me', deviceToken)).status).toBe(401);
    const devices = (await (await api('GET', '/api/v1/devices', token)).json()) as { devices: { revokedAt: string | null }[] };
    expect(devices.devices.every((d) => d.revokedAt !== null)).toBe(true);
  });
});

describe('login token expiry', () => {
  it('cuts a console at its token’s expiry and refuses it afterwards', async () => {
    const short = await startRelayProcess({ env: { KLAXON_CONFIG: config(), KLAXON_TOKEN_TTL: '2s' } });
    try {
      const token = await login('ann', short.url);
      const board = await connected('/console', token, short.url);
      const refused: CommandRefusal[] = [];
      board.on('command:refused', (r: CommandRefusal) => refused.push(r));
      expect((await subscribe(board)).ok).toBe(true);
      const cutMs = await cutWithin(board, 4_000);
      console.log(`a console was cut ${cutMs.toFixed(0)} ms after subscribing, its token living 2 s`);
      expect((await open('/console', token, short.url)).error?.message).toBe('unauthorized');
    } finally {
      await short.dispose();
    }
  });
});
