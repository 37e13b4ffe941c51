import { afterEach, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import type { ContactAddress } from '../../app/ports/notifier.js';
import { createNotifierPipeline } from './pipeline.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';
import { scripted, startRecordingServer, type RecordingServer } from './testing/recording-server.js';
import { createWebhookNotifier } from './webhook.js';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

// The test services listen on loopback, which the relay's outbound fetch reaches only when allowed.
const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });

const SECRET = 'whsec_0123456789abcdef';
const NOW = new Date('2025-03-04T05:06:30.000Z');
const clock = { now: () => NOW };

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('verifyWebhookSignature', () => {
  const timestamp = String(NOW.getTime() / 1000);
  const body = '{"type":"page"}';
  const signature = signWebhookBody(SECRET, timestamp, body);

  it('accepts a fresh, matching signature and refuses a wrong secret, body or stale time', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, timestamp, body, signature, NOW, 300)).toBe(true);
    expect(verifyWebhookSignature('another-secret-1234', timestamp, body, signature, NOW, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, `${body} `, signature, NOW, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, body, signature, NOW.getTime() + 301_000, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, timestamp, body, 'sha256=00', NOW, 300)).toBe(false);
    expect(verifyWebhookSignature(SECRET, 'soon', body, signature, NOW, 300)).toBe(false);
  });
});

describe('createWebhookNotifier against a local receiver', () => {
  it('POSTs {type, page} signed so that the receiver can verify it, and a tampered body fails', async () => {
    server = await startRecordingServer(() => ({ status: 204 }));
    const webhook = createWebhookNotifier({ fetch, clock });
    const message = pageMessage();
    const contact: ContactAddress = { channel: 'webhook', target: `${server.baseUrl}/hooks/klaxon`, secret: SECRET };
    await expect(webhook.send(contact, message)).resolves.toEqual({ ok: true });

    const request = server.requests[0]!;
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/hooks/klaxon', 'application/json']);
    expect(JSON.parse(request.text)).toEqual({ type: 'page', page: message });
    const timestamp = String(request.headers['x-klaxon-timestamp']);
    const signature = String(request.headers['x-klaxon-signature']);
    expect(timestamp).toBe('1741064790');
    expect(verifyWebhookSignature(SECRET, timestamp, request.text, signature, new Date(NOW.getTime() + 2000), 300)).toBe(true);
    const tampered = request.text.replace('db-01 disk full', 'all is well');
    expect(verifyWebhookSignature(SECRET, timestamp, tampered, signature, NOW, 300)).toBe(false);
  });

  it('retries a 503 and then succeeds', async () => {
    server = await startRecordingServer(scripted([{ status: 503, body: 'maintenance' }], () => ({ status: 200, body: 'ok' })));
    const { sleep, waits } = fakeSleep();
    const webhook = createNotifierPipeline(createWebhookNotifier({ fetch, clock }), {
      retry: { attempts: 3, baseDelayMs: 1000, maxDelayMs: 10_000, sleep, random: () => 1 },
    });
    const contact: ContactAddress = { channel: 'webhook', target: `${server.baseUrl}/h`, secret: SECRET };
    await expect(webhook.send(contact, pageMessage())).resolves.toEqual({ ok: true });
    expect({ calls: server.requests.length, waits }).toEqual({ calls: 2, waits: [1000] });
  });

  it('answers 408 and 429 as retryable, other 4xx as not', async () => {
    const statuses = [408, 429, 400, 404, 410];
    server = await startRecordingServer(scripted(statuses.map((status) => ({ status, body: `status ${status}` })), () => ({ status: 200 })));
    const webhook = createWebhookNotifier({ fetch, clock });
    const contact: ContactAddress = { channel: 'webhook', target: `${server.baseUrl}/h`, secret: SECRET };
    const results = [];
    for (const _ of statuses) results.push(await webhook.send(contact, pageMessage()));
    expect(results.map((r) => !r.ok && r.retryable)).toEqual([true, true, false, false, false]);
    expect(results[2]).toEqual({ ok: false, retryable: false, error: 'webhook 400' });
  });

  it('refuses a contact without a secret or with a non-http URL without calling anything', async () => {
    const webhook = createWebhookNotifier({ fetch, clock });
    await expect(webhook.send({ channel: 'webhook', target: 'https://hooks.example/h' }, pageMessage())).resolves.toMatchObject({ ok: false, retryable: false });
    await expect(webhook.send({ channel: 'webhook', target: 'file:///etc/passwd', secret: SECRET }, pageMessage())).resolves.toMatchObject({ ok: false, retryable: false });
  });
});
