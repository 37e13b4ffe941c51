import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiToken } from '../support/console-sign-in.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
let keyless: RelayProcess;

const config = () =>
  writeTestConfig((doc) => {
    doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
  });

beforeAll(async () => {
  [relay, keyless] = await Promise.all([
    startRelayProcess({ env: { KLAXON_CONFIG: config(), KLAXON_LOG_LEVEL: 'warn', KLAXON_SECRET_KEY: randomBytes(32).toString('hex') } }),
    startRelayProcess({ env: { KLAXON_CONFIG: config(), KLAXON_LOG_LEVEL: 'warn', KLAXON_SECRET_KEY: undefined } }),
  ]);
}, 90_000);
afterAll(async () => {
  await Promise.all([relay?.dispose(), keyless?.dispose()]);
});

async function call(url: string, token: string | undefined, method: string, path: string, body?: unknown) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, json: (text ? JSON.parse(text) : undefined) as Record<string, unknown> & { error?: string; field?: string } };
}

const login = (username: string, password: string, totp?: string) =>
  call(relay.url, undefined, 'POST', '/api/v1/auth/login', { username, password, ...(totp === undefined ? {} : { totp }) });

/** The code of `secret` for the time step `offset` periods from now. */
const code = (secret: string, offset = 0) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offset * 30_000 });

describe('two-factor sign-in against a real relay', () => {
  let secret = '';
  let recoveryCodes: string[] = [];

  it('enrols with the password again and the first code', async () => {
    const token = await apiToken(relay.url, 'ann');
    expect((await call(relay.url, token, 'GET', '/api/v1/me/two-factor', undefined)).json).toMatchObject({ enabled: false, available: true });
    const wrong = await call(relay.url, token, 'POST', '/api/v1/me/two-factor', { password: 'not-it' });
    expect(wrong).toMatchObject({ status: 401, json: { field: 'password' } });
    const started = await call(relay.url, token, 'POST', '/api/v1/me/two-factor', { password: 'change-me-ann' });
    expect(started.status).toBe(200);
    secret = started.json.secret as string;
    expect(started.json.uri).toMatch(/^otpauth:\/\/totp\//);
    const malformed = await call(relay.url, token, 'POST', '/api/v1/me/two-factor/confirm', { code: 'abc' });
    expect(malformed).toMatchObject({ status: 400, json: { field: 'code' } });
    // The code of the step before last is no longer good.
    expect((await call(relay.url, token, 'POST', '/api/v1/me/two-factor/confirm', { code: code(secret, -3) })).status).toBe(400);
    const confirmed = await call(relay.url, token, 'POST', '/api/v1/me/two-factor/confirm', { code: code(secret) });
    expect(confirmed.status).toBe(200);
    recoveryCodes = confirmed.json.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
  });

  it('asks for the code after a right password, refuses a wrong or replayed one, and signs in with the next', async () => {
    const bare = await login('ann', 'change-me-ann');
    expect(bare).toMatchObject({ status: 401, json: { field: 'totp' } });
    expect(bare.json).not.toHaveProperty('token');
    // A wrong password with a code still says only "invalid username or password".
    expect(await login('ann', 'nope', code(secret))).toMatchObject({ status: 401, json: { error: 'invalid username or password' } });
    expect(await login('ann', 'change-me-ann', '000000')).toMatchObject({ status: 401, json: { field: 'totp' } });
    // The step the enrolment used is spent: the next period's code signs in, once.
    const next = code(secret, 1);
    const signedIn = await login('ann', 'change-me-ann', next);
    expect(signedIn.status).toBe(200);
    expect(signedIn.json).toHaveProperty('token');
    expect(await login('ann', 'change-me-ann', next)).toMatchObject({ status: 401, json: { field: 'totp' } });
  });

  it('signs in with a recovery code once', async () => {
    const recovery = recoveryCodes[0]!;
    expect((await login('ann', 'change-me-ann', recovery)).status).toBe(200);
    expect(await login('ann', 'change-me-ann', recovery)).toMatchObject({ status: 401, json: { field: 'totp' } });
  });

  it('keeps API tokens and other people away from the two-factor routes; an admin resets it, audited', async () => {
    const bob = await apiToken(relay.url, 'bob');
    expect((await call(relay.url, bob, 'DELETE', '/api/v1/users/ann/two-factor')).status).toBe(403);
    const root = await apiToken(relay.url, 'root');
    const created = await call(relay.url, root, 'POST', '/api/v1/tokens', { name: 'script', scopes: ['admin', 'incidents:read'], expiresIn: '1d' });
    expect(created.status).toBe(201);
    const scripted = created.json.secret as string;
    expect((await call(relay.url, scripted, 'GET', '/api/v1/me/two-factor')).status).toBe(403);
    expect((await call(relay.url, scripted, 'DELETE', '/api/v1/users/ann/two-factor')).status).toBe(403);

    expect((await call(relay.url, root, 'DELETE', '/api/v1/users/ann/two-factor')).status).toBe(204);
    expect((await call(relay.url, root, 'DELETE', '/api/v1/users/ann/two-factor')).status).toBe(404);
    expect((await login('ann', 'change-me-ann')).status).toBe(200);
    const audit = await call(relay.url, root, 'GET', '/api/v1/audit?limit=200');
    const actions = (audit.json.events as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.totp-enrolled', 'auth.totp-recovery-used', 'auth.totp-reset']));
    expect(JSON.stringify(audit.json)).not.toContain(secret);
  });

  it('throttles guessing codes like guessing passwords', async () => {
    const token = await apiToken(relay.url, 'cara');
    const started = await call(relay.url, token, 'POST', '/api/v1/me/two-factor', { password: 'change-me-cara' });
    await call(relay.url, token, 'POST', '/api/v1/me/two-factor/confirm', { code: code(started.json.secret as string) });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await login('cara', 'change-me-cara', String(100000 + i))).status);
    // A wrong code counts as a failed sign-in (this address has failures from the tests above already).
    expect(statuses[0]).toBe(401);
    expect(statuses).toContain(429);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
  });

  it('refuses to enrol on a relay without KLAXON_SECRET_KEY, naming the setting', async () => {
    const token = await apiToken(keyless.url, 'ann');
    expect((await call(keyless.url, token, 'GET', '/api/v1/me/two-factor')).json).toMatchObject({ available: false });
    const refused = await call(keyless.url, token, 'POST', '/api/v1/me/two-factor', { password: 'change-me-ann' });
    expect(refused.status).toBe(409);
    expect(refused.json.error).toContain('KLAXON_SECRET_KEY');
  });
});
