import { afterEach, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import type { ContactAddress } from '../../app/ports/notifier.js';
import { createNotifierPipeline } from './pipeline.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';
import { scripted, startRecordingServer, type Handler, type RecordingServer } from './testing/recording-server.js';
import { createTestSubscriber, decryptWebPush } from './testing/web-push-receiver.js';
import { createWebPushNotifier, generateVapidKeys, pageTopic } from './web-push.js';

// The test services listen on loopback, which the relay's outbound fetch reaches only when allowed.
const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });

const keys = generateVapidKeys();
const vapid = { ...keys, subject: 'mailto:ops@klaxon.example' };

/** A push service: `POST /push/<id>` answers 201 Created with the message's URL, as RFC 8030 says. */
const pushService: Handler = (request) => ({ status: 201, headers: { location: `/messages/${request.path.split('/').pop()}-1` } });

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function contactFor(subscription: object): ContactAddress {
  return { channel: 'push', target: JSON.stringify(subscription) };
}

describe('createWebPushNotifier against a local push service', () => {
  it('sends an aes128gcm payload that the subscriber decrypts, with VAPID, TTL, urgency and topic', async () => {
    server = await startRecordingServer(pushService);
    const subscriber = createTestSubscriber(`${server.baseUrl}/push/sub-1`);
    const push = createWebPushNotifier({ vapid, fetch });
    const message = pageMessage();

    await expect(push.send(contactFor(subscriber.subscription), message)).resolves.toEqual({ ok: true, receipt: '/messages/sub-1-1' });

    const request = server.requests[0]!;
    expect([request.method, request.path]).toEqual(['POST', '/push/sub-1']);
    expect(request.headers).toMatchObject({
      'content-encoding': 'aes128gcm',
      'content-type': 'application/octet-stream',
      ttl: '3600',
      urgency: 'high',
      topic: pageTopic(message.pageId),
    });
    expect(request.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${keys.publicKey}$`));
    const jwtClaims = JSON.parse(Buffer.from(String(request.headers.authorization).split(/[ .,]/)[2]!, 'base64url').toString('utf8'));
    expect(jwtClaims).toMatchObject({ aud: server.baseUrl, sub: vapid.subject });

    expect(JSON.parse(decryptWebPush(subscriber, request.body))).toEqual({
      pageId: message.pageId,
      incidentId: message.incidentId,
      summary: message.summary,
      priority: 'high',
      serviceName: 'Database',
      attempt: 1,
      createdAt: message.createdAt,
      openUrl: message.openUrl,
      actions: message.actions,
    });
    // The helper really decrypts: another subscriber's keys cannot.
    expect(() => decryptWebPush(createTestSubscriber('x'), request.body)).toThrow();
  });

  it('sends lower priorities with lower urgency', async () => {
    server = await startRecordingServer(pushService);
    const subscriber = createTestSubscriber(`${server.baseUrl}/push/sub-2`);
    const push = createWebPushNotifier({ vapid, fetch, ttlSeconds: 600 });
    await push.send(contactFor(subscriber.subscription), pageMessage({ priority: 'medium' }));
    await push.send(contactFor(subscriber.subscription), pageMessage({ priority: 'low' }));
    expect(server.requests.map((r) => [r.headers.urgency, r.headers.ttl])).toEqual([
      ['normal', '600'],
      ['low', '600'],
    ]);
  });

  it.each([410, 404])('answers %i as gone so that the caller removes the subscription', async (status) => {
    server = await startRecordingServer(() => ({ status, body: 'push subscription has unsubscribed or expired.' }));
    const subscriber = createTestSubscriber(`${server.baseUrl}/push/old`);
    const push = createWebPushNotifier({ vapid, fetch });
    await expect(push.send(contactFor(subscriber.subscription), pageMessage())).resolves.toEqual({
      ok: false,
      gone: true,
      retryable: false,
      error: `push service ${status}`,
    });
  });

  it('retries a 429 after its Retry-After and a 502, then succeeds', async () => {
    server = await startRecordingServer(scripted([{ status: 429, headers: { 'retry-after': '3' } }, { status: 502 }], pushService));
    const subscriber = createTestSubscriber(`${server.baseUrl}/push/sub-3`);
    const { sleep, waits } = fakeSleep();
    const push = createNotifierPipeline(createWebPushNotifier({ vapid, fetch }), {
      retry: { attempts: 3, baseDelayMs: 400, maxDelayMs: 10_000, sleep, random: () => 0 },
    });
    await expect(push.send(contactFor(subscriber.subscription), pageMessage())).resolves.toMatchObject({ ok: true });
    expect(waits).toEqual([3000, 400]);
    // Each try is encrypted anew, and each decrypts.
    expect(server.requests.map((r) => JSON.parse(decryptWebPush(subscriber, r.body)).pageId)).toEqual(Array(3).fill('pg_01HZXK3V7Q'));
  });

  it('answers a 400 as not retryable and not gone', async () => {
    server = await startRecordingServer(() => ({ status: 400, body: 'bad request' }));
    const push = createWebPushNotifier({ vapid, fetch });
    const subscriber = createTestSubscriber(`${server.baseUrl}/push/x`);
    await expect(push.send(contactFor(subscriber.subscription), pageMessage())).resolves.toEqual({ ok: false, retryable: false, error: 'push service 400' });
  });

  it('refuses a target that is not a subscription without calling anything', async () => {
    const push = createWebPushNotifier({ vapid, fetch });
    await expect(push.send({ channel: 'push', target: '{"endpoint":"https://push.example/x"}' }, pageMessage())).resolves.toMatchObject({
      ok: false,
      retryable: false,
      error: expect.stringMatching(/^not a push subscription: keys/),
    });
  });

  it('refuses unusable VAPID details at creation', () => {
    expect(() => createWebPushNotifier({ vapid: { ...vapid, subject: 'ops@klaxon.example' } })).toThrow(/VAPID/);
    expect(() => createWebPushNotifier({ vapid: { ...vapid, privateKey: 'short' } })).toThrow(/VAPID/);
  });
});
