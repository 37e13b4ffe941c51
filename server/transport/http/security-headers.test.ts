import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { createMetrics } from '../../adapters/metrics/create-metrics.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import { createSessionEnds } from '../../app/accounts/session.js';
import { createHttpServer } from './create-http-server.js';

const noAccounts: Accounts = {
  login: async () => undefined,
  attempt: async () => ({ kind: 'invalid' }),
  logout: async () => undefined,
  authenticate: async () => undefined,
  session: async () => undefined,
  ends: createSessionEnds(),
};

let dir: string;
let app: FastifyInstance | undefined;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-headers-'));
  await mkdir(path.join(dir, 'm'), { recursive: true });
  await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
  await writeFile(path.join(dir, 'wallboard.html'), '<!doctype html><title>wallboard</title>');
  await writeFile(path.join(dir, 'm', 'index.html'), '<!doctype html><title>phone</title>');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function build(options: { rendererDir?: string; metricsToken?: string } = {}): Promise<FastifyInstance> {
  app = await createHttpServer({
    accounts: noAccounts,
    metrics: createMetrics(),
    log: createSilentLogger(),
    ping: async () => undefined,
    rendererDir: options.rendererDir ?? dir,
    metricsToken: options.metricsToken,
  });
  return app;
}

describe('security headers', () => {
  it('sends a strict CSP, nosniff, no-referrer and DENY framing on the console, the wallboard and the phone app', async () => {
    const server = await build();
    for (const url of ['/', '/wallboard', '/m/', '/m/pages/p1']) {
      const response = await server.inject(url);
      expect(response.headers['content-type'], url).toMatch(/^text\/html/);
      const csp = String(response.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toMatch(/script-src[^;]*unsafe/);
      expect(response.headers, url).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
      expect(response.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('sends the CSP on the page shown when the console is not built', async () => {
    const server = await build({ rendererDir: path.join(dir, 'absent') });
    expect((await server.inject('/')).headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('sends nosniff on JSON answers, errors and 404s too, without a CSP', async () => {
    const server = await build();
    for (const url of ['/health', '/api/v1/me', '/no-such-thing']) {
      const response = await server.inject(url);
      expect(response.headers['content-type'], url).toMatch(/^application\/json/);
      expect(response.headers['x-content-type-options'], url).toBe('nosniff');
      expect(response.headers['content-security-policy'], url).toBeUndefined();
    }
  });
});

describe('the metrics token', () => {
  const token = 'a-metrics-token-0123456789';

  it('answers 401 without the token, with a wrong one and with another scheme, and 200 with it', async () => {
    const server = await build({ metricsToken: token });
    for (const authorization of [undefined, 'Bearer wrong-token-0123456789', `Basic ${token}`, `Bearer ${token}x`]) {
      const response = await server.inject({ url: '/metrics', headers: authorization ? { authorization } : {} });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json(), authorization).toEqual({ error: expect.stringContaining('Authorization: Bearer') });
    }
    const ok = await server.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect([ok.statusCode, ok.body]).toEqual([200, expect.stringContaining('klaxon_')]);
  });

  it('leaves /metrics open when no token is set, as before', async () => {
    const server = await build();
    expect((await server.inject('/metrics')).statusCode).toBe(200);
  });
});
