import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';

let relay: RelayProcess;
let adminPassword: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  relay = await startRelayProcess();
  const line = await relay.waitForLine(/username: admin\s+password: \S+/);
  adminPassword = /password: (\S+)/.exec(line)![1]!;
  console.info(`relay start-up to /health 200: ${relay.startupMs} ms`);
});
afterAll(async () => {
  sockets.forEach((socket) => socket.close());
  await relay?.dispose();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function login(username = 'admin', password = adminPassword): Promise<string> {
  const response = await post('/api/v1/auth/login', { username, password });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

function openSocket(namespace: string, auth: Record<string, unknown>): Promise<{ socket: Socket; error?: Error }> {
  const socket = connect(`${relay.url}${namespace}`, { auth, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => resolve({ socket, error }));
  });
}

describe('a relay process on a fresh database', () => {
  it('answers /health', async () => {
    const response = await fetch(`${relay.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('serves the process and Klaxon metrics', async () => {
    const response = await fetch(`${relay.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('klaxon_alerts_received_total');
  });

  it('prints the first-start admin password once, in a two-line banner', () => {
    const banner = relay.stdout.filter((line) => line.startsWith('==> '));
    expect(banner).toHaveLength(2);
    expect(adminPassword).toMatch(/^[A-Za-z0-9]{20}$/);
  });

  it('signs admin in with the printed password', async () => {
    const token = await login();
    const me = await fetch(`${relay.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ id: 'admin', role: 'admin' });
  });

  it('answers a wrong password and an unknown user with the same 401', async () => {
    const wrong = await post('/api/v1/auth/login', { username: 'admin', password: 'not-the-password' });
    const unknown = await post('/api/v1/auth/login', { username: 'nobody', password: 'not-the-password' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const [a, b] = [await wrong.text(), await unknown.text()];
    expect(a).toBe(b);
    expect(JSON.parse(a)).toEqual({ error: 'invalid username or password' });
  });

  it('answers 400 naming the field for a bad login body', async () => {
    const response = await post('/api/v1/auth/login', { username: 'admin' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ field: 'password' });
  });

  it('refuses the API without a token, and with a revoked one', async () => {
    expect((await fetch(`${relay.url}/api/v1/me`)).status).toBe(401);
    const token = await login();
    const headers = { authorization: `Bearer ${token}` };
    expect((await post('/api/v1/auth/logout', {}, headers)).status).toBe(204);
    expect((await fetch(`${relay.url}/api/v1/me`, { headers })).status).toBe(401);
  });

  it('connects a console socket with a good token and refuses a bad or missing one', async () => {
    const token = await login();
    const good = await openSocket('/console', { token });
    expect(good.error).toBeUndefined();
    expect(good.socket.connected).toBe(true);

    const bad = await openSocket('/console', { token: 'forged-token' });
    expect(bad.error?.message).toBe('unauthorized');
    const missing = await openSocket('/device', {});
    expect(missing.error?.message).toBe('unauthorized');
    // Each namespace takes its own kind of token: a login token must become a device token to page a phone.
    const loginOnDevice = await openSocket('/device', { token });
    expect(loginOnDevice.error?.message).toBe('unauthorized');
    const registered = await fetch(`${relay.url}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Phone' }),
    });
    const deviceToken = ((await registered.json()) as { token: string }).token;
    const device = await openSocket('/device', { token: deviceToken });
    expect(device.error).toBeUndefined();
    const deviceOnConsole = await openSocket('/console', { token: deviceToken });
    expect(deviceOnConsole.error?.message).toBe('unauthorized');
    const root = await openSocket('/', { token });
    expect(root.error?.message).toBe('unauthorized');

    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toContain('klaxon_socket_connections{namespace="/console"} 1');
  });

  it('never writes the admin password or a token into its log', async () => {
    const token = await login();
    await fetch(`${relay.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    const logLines = relay.stdout.filter((line) => !line.startsWith('==> '));
    expect(logLines.some((line) => line.includes('"msg":"relay listening"'))).toBe(true);
    expect(logLines.join('\n')).not.toContain(adminPassword);
    expect(logLines.join('\n')).not.toContain(token);
  });

  it('shuts down on SIGTERM with exit code 0 and no error, even with sockets open', async () => {
    const exit = await relay.stop('SIGTERM');
    expect(exit).toEqual({ code: 0, signal: null });
    expect(relay.stderr.join('\n').trim()).toBe('');
    expect(relay.stdout.some((line) => line.includes('"msg":"relay stopped"'))).toBe(true);
    expect(relay.stdout.some((line) => /"level":(50|60)/.test(line))).toBe(false);
  });
});
