import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { makeSelfSigned, type SelfSigned } from '../support/self-signed.js';
import { writeTestConfig } from '../support/test-config.js';

const METRICS_TOKEN = 'scrape-token-for-the-tls-test';

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  fingerprint256: string;
}

/** One HTTPS request on a fresh connection (no pooling), trusting `ca`, with the certificate served. */
function get(url: string, ca: string, headers: Record<string, string> = {}, method = 'GET', body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, agent: false, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      const fingerprint256 = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8'), fingerprint256 }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

let dir: string;
let first: SelfSigned;
let second: SelfSigned;
let certPath: string;
let keyPath: string;
let relay: RelayProcess;
let base: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'klaxon-tls-'));
  first = makeSelfSigned(dir, 'first');
  second = makeSelfSigned(dir, 'second');
  // The relay reads these two paths; the test swaps their content for the reload.
  certPath = path.join(dir, 'served.crt');
  keyPath = path.join(dir, 'served.key');
  copyFileSync(first.certPath, certPath);
  copyFileSync(first.keyPath, keyPath);
  relay = await startRelayProcess({
    waitForHealth: false,
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_TLS_CERT: certPath, KLAXON_TLS_KEY: keyPath, KLAXON_METRICS_TOKEN: METRICS_TOKEN },
  });
  const line = await relay.waitForLine(/relay listening/, 45_000);
  base = (JSON.parse(line) as { url: string }).url;
});
afterAll(async () => {
  await relay?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe('the relay serving TLS itself', () => {
  it('says https in its URL and sends HSTS with every answer, plain HTTP being refused', async () => {
    expect(base).toBe(`https://127.0.0.1:${relay.port}`);
    const health = await get(`${base}/health`, first.cert);
    expect(health.status).toBe(200);
    expect(health.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(health.fingerprint256).toBe(first.fingerprint256);
    const page = await get(`${base}/`, first.cert);
    expect(page.headers['strict-transport-security']).toBe('max-age=31536000');
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    await expect(fetch(`http://127.0.0.1:${relay.port}/health`)).rejects.toThrow();
  });

  it('asks for the metrics token: 401 without it or with a wrong one, 200 with it', async () => {
    const none = await get(`${base}/metrics`, first.cert);
    expect([none.status, none.headers['www-authenticate']]).toEqual([401, 'Bearer realm="metrics"']);
    expect(none.body).not.toContain('klaxon_');
    expect((await get(`${base}/metrics`, first.cert, { authorization: 'Bearer not-the-metrics-token' })).status).toBe(401);
    const ok = await get(`${base}/metrics`, first.cert, { authorization: `Bearer ${METRICS_TOKEN}` });
    expect([ok.status, ok.body]).toEqual([200, expect.stringContaining('klaxon_http_requests_total')]);
  });

  it('carries Socket.IO over WSS for a client that trusts the certificate', async () => {
    const login = await get(`${base}/api/v1/auth/login`, first.cert, { 'content-type': 'application/json' }, 'POST', JSON.stringify({ username: 'ann', password: 'change-me-ann' }));
    expect(login.status).toBe(200);
    const { token } = JSON.parse(login.body) as { token: string };
    const socket = io(`${base}/console`, { auth: { token }, transports: ['websocket'], reconnection: false, ca: first.cert });
    try {
      const connected = await new Promise<boolean>((resolve, reject) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', reject);
      });
      expect(connected).toBe(true);
      expect(socket.io.engine.transport.name).toBe('websocket');
    } finally {
      socket.close();
    }
    // A client that does not trust the certificate is refused.
    const untrusting = io(`${base}/console`, { auth: { token }, transports: ['websocket'], reconnection: false });
    const refused = await new Promise<Error>((resolve) => untrusting.once('connect_error', resolve));
    untrusting.close();
    expect(refused).toBeInstanceOf(Error);
  });

  it('serves the renewed certificate after SIGHUP, and keeps the old one when the new files do not match', async () => {
    copyFileSync(second.certPath, certPath);
    copyFileSync(first.keyPath, keyPath);
    relay.signal('SIGHUP');
    await relay.waitForLine(/tls certificate not reloaded/);
    expect((await get(`${base}/health`, first.cert)).fingerprint256).toBe(first.fingerprint256);

    copyFileSync(second.keyPath, keyPath);
    relay.signal('SIGHUP');
    await relay.waitForLine(/tls certificate reloaded/);
    const after = await get(`${base}/health`, second.cert);
    expect([after.status, after.fingerprint256]).toEqual([200, second.fingerprint256]);
  });
});
