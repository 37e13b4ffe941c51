import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSessionEnds } from '../../app/accounts/session.js';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LoginRequest, User } from '../../../shared/schemas/user.js';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { createMetrics } from '../../adapters/metrics/create-metrics.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import { requireRole, signedInUser } from './auth.js';
import { createHttpServer } from './create-http-server.js';

const ann: User = { id: 'ann', name: 'Ann', email: 'ann@example.com', role: 'ir-manager', notify: [] };
const bob: User = { ...ann, id: 'bob', email: 'bob@example.com', role: 'triage-analyst' };
const root: User = { ...ann, id: 'root', email: 'root@example.com', role: 'admin' };

/** Accounts with fixed tokens: "t-ann", "t-bob", "t-root"; ann's password is "pw-ann". */
function fakeAccounts(): Accounts & { revoked: string[] } {
  const tokens = new Map([['t-ann', ann], ['t-bob', bob], ['t-root', root]]);
  const revoked: string[] = [];
  return {
    revoked,
    async login({ username, password }: LoginRequest) {
      if (username !== 'ann' || password !== 'pw-ann') return undefined;
      return { token: 't-ann', expiresAt: '2026-11-03T02:00:00.000Z', user: ann };
    },
    async attempt(request: LoginRequest) {
      const response = await this.login(request);
      return response ? { kind: 'signed-in' as const, response } : { kind: 'invalid' as const };
    },
    async logout(token) {
      revoked.push(token);
      tokens.delete(token);
    },
    async authenticate(token) {
      return tokens.get(token);
    },
    async session(token) {
      const user = tokens.get(token);
      return user && { user, kind: 'login' as const, tokenHash: `hash-${token}`, expiresAt: null };
    },
    ends: createSessionEnds(),
  };
}

let dir: string;
let app: FastifyInstance | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-http-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build(options: { ping?: () => Promise<void>; rendererDir?: string; bodyLimit?: number } = {}) {
  const accounts = fakeAccounts();
  const metrics = createMetrics();
  app = await createHttpServer({
    accounts,
    metrics,
    log: createSilentLogger(),
    ping: options.ping ?? (async () => undefined),
    rendererDir: options.rendererDir ?? path.join(dir, 'absent'),
    bodyLimit: options.bodyLimit,
  });
  app.get('/api/v1/managers-only', { preHandler: requireRole('ir-manager') }, async (request) => ({ ok: signedInUser(request).id }));
  app.get('/api/v1/two-roles', { preHandler: requireRole('forensic-analyst', 'threat-researcher') }, async () => ({ ok: true }));
  app.post('/api/v1/echo', async (request) => ({ size: JSON.stringify(request.body).length }));
  return { app, accounts, metrics };
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('ops routes', () => {
  it('answers /health 200 when the store answers and 503 when it does not', async () => {
    const up = await build();
    expect((await up.app.inject('/health')).json()).toEqual({ status: 'ok' });
    await up.app.close();
    const down = await build({ ping: async () => Promise.reject(new Error('database is locked')) });
    const response = await down.app.inject('/health');
    expect(response.statusCode).toBe(503);
    expect(response.json()).toMatchObject({ status: 'unavailable' });
  });

  it('serves Prometheus text at /metrics and counts requests by route pattern', async () => {
    const { app } = await build();
    await app.inject('/health');
    const response = await app.inject('/metrics');
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(response.body).toContain('klaxon_http_requests_total{route="/health",status="200"} 1');
  });
});

describe('auth API', () => {
  it('signs in and answers the LoginResponse', async () => {
    const { app } = await build();
    const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ann', password: 'pw-ann' } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ token: 't-ann', expiresAt: '2026-11-03T02:00:00.000Z', user: ann });
  });

  it('answers 400 naming the field for a bad body', async () => {
    const { app } = await build();
    const missing = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ann' } });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toMatchObject({ field: 'password', error: expect.stringMatching(/^password: /) });
    const notJson = await app.inject({ method: 'POST', url: '/api/v1/auth/login', headers: { 'content-type': 'application/json' }, payload: '{' });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toEqual({ error: 'the body is not valid JSON' });
    const none = await app.inject({ method: 'POST', url: '/api/v1/auth/login' });
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'body' });
  });

  it('answers the same 401 for a wrong password and an unknown user', async () => {
    const { app } = await build();
    const wrong = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ann', password: 'nope' } });
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'zed', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.body).toBe(unknown.body);
    expect(wrong.json()).toEqual({ error: 'invalid username or password' });
  });

  it('requires a bearer token on every /api/ path but login, even unknown ones', async () => {
    const { app } = await build();
    for (const url of ['/api/v1/me', '/api/v1/no-such-route', '/api/v2/x']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Bearer');
    }
    expect((await app.inject({ url: '/api/v1/me', headers: bearer('forged') })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/me', headers: { authorization: 'Basic YTpi' } })).statusCode).toBe(401);
    expect((await app.inject({ url: '/api/v1/no-such-route', headers: bearer('t-ann') })).statusCode).toBe(404);
  });

  it('tells who is signed in and signs out by revoking the presented token', async () => {
    const { app, accounts } = await build();
    expect((await app.inject({ url: '/api/v1/me', headers: bearer('t-ann') })).json()).toEqual(ann);
    const logout = await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer('t-ann') });
    expect(logout.statusCode).toBe(204);
    expect(accounts.revoked).toEqual(['t-ann']);
    expect((await app.inject({ url: '/api/v1/me', headers: bearer('t-ann') })).statusCode).toBe(401);
  });

  it('lets requireRole pass the named roles and admins, and answers 403 naming the role', async () => {
    const { app } = await build();
    expect((await app.inject({ url: '/api/v1/managers-only', headers: bearer('t-ann') })).json()).toEqual({ ok: 'ann' });
    expect((await app.inject({ url: '/api/v1/managers-only', headers: bearer('t-root') })).statusCode).toBe(200);
    const refused = await app.inject({ url: '/api/v1/managers-only', headers: bearer('t-bob') });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error).toMatch(/the role ir-manager/);
    const two = await app.inject({ url: '/api/v1/two-roles', headers: bearer('t-bob') });
    expect(two.json().error).toMatch(/one of the roles forensic-analyst, threat-researcher/);
  });

  it('refuses bodies over the limit with 413', async () => {
    const { app } = await build({ bodyLimit: 1024 });
    const small = await app.inject({ method: 'POST', url: '/api/v1/echo', headers: bearer('t-ann'), payload: { a: 'x'.repeat(100) } });
    expect(small.statusCode).toBe(200);
    const big = await app.inject({ method: 'POST', url: '/api/v1/echo', headers: bearer('t-ann'), payload: { a: 'x'.repeat(2000) } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toEqual({ error: 'the request body is too large' });
  });

  it('has a 512 KB body limit by default', async () => {
    const { app } = await build();
    const payload = { a: 'x'.repeat(512 * 1024) };
    expect((await app.inject({ method: 'POST', url: '/api/v1/echo', headers: bearer('t-ann'), payload })).statusCode).toBe(413);
    const fits = { a: 'x'.repeat(500 * 1024) };
    expect((await app.inject({ method: 'POST', url: '/api/v1/echo', headers: bearer('t-ann'), payload: fits })).statusCode).toBe(200);
  });
});

describe('console', () => {
  it('says how to build the console when it is not built', async () => {
    const { app } = await build();
    for (const url of ['/', '/wallboard', '/m/']) {
      const response = await app.inject(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/text\/html/);
      expect(response.body).toContain('npm run build:renderer');
    }
    const other = await app.inject('/nothing-here');
    expect(other.statusCode).toBe(404);
    expect(other.json()).toEqual({ error: 'no route GET /nothing-here' });
  });

  it('serves the built console with the single-page fallback', async () => {
    const rendererDir = path.join(dir, 'renderer');
    await mkdir(path.join(rendererDir, 'm'), { recursive: true });
    await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
    await writeFile(path.join(rendererDir, 'index.html'), '<title>console</title>');
    await writeFile(path.join(rendererDir, 'm', 'index.html'), '<title>phone</title>');
    await writeFile(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    const { app } = await build({ rendererDir });
    expect((await app.inject('/')).body).toContain('console');
    expect((await app.inject('/wallboard')).body).toContain('console');
    expect((await app.inject('/m/')).body).toContain('phone');
    expect((await app.inject('/m/incidents/42')).body).toContain('phone');
    expect((await app.inject('/assets/app.js')).body).toBe('console.log(1)');
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    expect((await app.inject('/health')).json()).toEqual({ status: 'ok' });
    expect((await app.inject('/api/v1/me')).statusCode).toBe(401);
  });
});

describe('the desktop console origin', () => {
  it('answers preflights from app://console without a token, and only that origin', async () => {
    const { app } = await build();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/api/v1/auth/login',
      headers: { origin: 'app://console', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('app://console');
    expect(preflight.headers['access-control-allow-headers']).toContain('authorization');

    const signedIn = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { origin: 'app://console', ...bearer('t-ann') } });
    expect(signedIn.statusCode).toBe(200);
    expect(signedIn.headers['access-control-allow-origin']).toBe('app://console');

    const other = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { origin: 'https://evil.example', ...bearer('t-ann') } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
