import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRecordingServer, type RecordingServer } from '../../server/adapters/notify/testing/recording-server.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

// A person's contact is a destination of their choosing; without KLAXON_OUTBOUND_ALLOW the relay must
// not let it reach loopback, private or link-local addresses (SSRF), nor say what it found there.
let relay: RelayProcess;
let local: RecordingServer;

beforeAll(async () => {
  local = await startRecordingServer(() => ({ status: 200, body: { secret: 'internal answer' } }));
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_OUTBOUND_ALLOW: undefined } });
});
afterAll(async () => {
  await relay?.dispose();
  await local?.close();
});

async function api(path: string, token: string, method: string, body: unknown): Promise<{ status: number; body: { results?: unknown[] } }> {
  const response = await fetch(`${relay.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as { results?: unknown[] } };
}

describe('outbound requests to a person-supplied destination', () => {
  const port = () => new URL(local.baseUrl).port;
  const targets = (): [string, string][] => [
    ['loopback', `http://127.0.0.1:${port()}/hook`],
    ['private 10.x', `http://10.0.0.1:${port()}/hook`],
    ['cloud metadata', 'http://169.254.169.254/latest/meta-data/'],
    ['IPv6 loopback', `http://[::1]:${port()}/hook`],
    ['IPv4-mapped loopback', `http://[::ffff:127.0.0.1]:${port()}/hook`],
    ['a name that resolves to loopback', `http://localhost:${port()}/hook`],
  ];

  it('refuses webhooks to loopback, private, link-local and metadata addresses, and the local server receives nothing', async () => {
    const token = await login(relay.url, 'bob', 'change-me-bob');
    for (const [what, url] of targets()) {
      const contacts = { webhook: { url, secret: 'a-webhook-secret-of-some-length' } };
      const saved = await api('/api/v1/me/notifications', token, 'PUT', { rules: [{ channel: 'webhook', after: 0 }], contacts });
      expect(saved.status, what).toBe(200);
      const test = await api('/api/v1/me/test-page', token, 'POST', { channel: 'webhook' });
      expect(test.body.results, what).toEqual([{ channel: 'webhook', ok: false, detail: 'could not deliver: the destination is not allowed' }]);
    }
    expect(local.requests).toEqual([]);
  });

  it('refuses an ntfy topic on loopback the same way, echoing nothing of the answer', async () => {
    const token = await login(relay.url, 'bob', 'change-me-bob');
    const contacts = { ntfy: { url: `http://127.0.0.1:${port()}/klaxon-bob`, token: 'tk_secret_ntfy' } };
    expect((await api('/api/v1/me/notifications', token, 'PUT', { rules: [{ channel: 'ntfy', after: 0 }], contacts })).status).toBe(200);
    const test = await api('/api/v1/me/test-page', token, 'POST', { channel: 'ntfy' });
    expect(test.body.results).toEqual([{ channel: 'ntfy', ok: false, detail: 'could not deliver: the destination is not allowed' }]);
    expect(JSON.stringify(test.body)).not.toContain('internal answer');
    expect(local.requests).toEqual([]);
  });
});
