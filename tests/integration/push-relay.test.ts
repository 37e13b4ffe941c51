import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../server/adapters/log/create-logger.js';
import { startRecordingServer, type RecordingServer } from '../../server/adapters/notify/testing/recording-server.js';
import { createTestSubscriber, decryptWebPush } from '../../server/adapters/notify/testing/web-push-receiver.js';
import type { WebPushPayload } from '../../server/adapters/notify/web-push.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { connectPhone, login, type TestPhone } from '../support/phone.js';
import { KEYS, fastEscalationPolicy, writeTestConfig } from '../support/test-config.js';

let relay: Relay;
let pushService: RecordingServer;
/** What the local push service answers next; tests switch it to 410 to expire a subscription. */
let pushStatus = 201;
let ntfy: RecordingServer;
const phones: TestPhone[] = [];

beforeAll(async () => {
  pushService = await startRecordingServer(() => ({ status: pushStatus, headers: { location: 'http://push.local/m/1' } }));
  ntfy = await startRecordingServer(() => ({ status: 200, body: { id: 'ntfy-msg-1' } }));
  const config = writeTestConfig((doc) => {
    fastEscalationPolicy(doc, ['1h', '1h']);
    // Contacts may come from the config file too.
    doc.users!.find((u) => u.id === 'ann')!.contacts = { ntfy: { url: `${ntfy.baseUrl}/klaxon-ann`, token: 'tk_ann' } };
  });
  relay = await startRelay(parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', ':memory:', '--config', config, '--outbound-allow', '127.0.0.1/32'], env: {} }), {
    log: createSilentLogger(),
  });
});
afterAll(async () => {
  phones.forEach((p) => p.close());
  await relay?.close();
  await pushService?.close();
  await ntfy?.close();
});

const api = async (path: string, token: string | undefined, init: { method?: string; body?: unknown } = {}) => {
  const response = await fetch(`${relay.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  // The answers are checked field by field with expect; a loose type keeps those checks short.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
};

const trigger = (dedupKey: string) =>
  fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Disk full ${dedupKey}`, source: 'db-01', severity: 'critical' } }),
  });

/** Resolves once `check` answers something other than undefined, polling the relay's state (no fixed sleep). */
async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function pairPhone(username: string, password: string): Promise<{ token: string; deviceId: string }> {
  const userToken = await login(relay.url, username, password);
  const code = await api('/api/v1/devices/pairing-codes', userToken, { body: {} });
  expect(code.status).toBe(200);
  expect(code.body.pairUrl).toBe(`${relay.url}/m/#/pair?code=${code.body.code}`);
  const paired = await api('/api/v1/devices/pair', undefined, { body: { code: code.body.code.toLowerCase(), name: `${username}'s phone` } });
  expect(paired.status).toBe(200);
  return { token: paired.body.token, deviceId: paired.body.device.id };
}

describe('phones on a relay', () => {
  it('pairs with a one-time code, signs the device in on HTTP and /device, and stops it when revoked', async () => {
    const userToken = await login(relay.url, 'dan', 'change-me-dan');
    const code = await api('/api/v1/devices/pairing-codes', userToken, { body: {} });
    const paired = await api('/api/v1/devices/pair', undefined, { body: { code: code.body.code, name: 'Pixel' } });
    expect(paired.body).toMatchObject({ user: { id: 'dan' }, device: { name: 'Pixel', revokedAt: null } });
    const again = await api('/api/v1/devices/pair', undefined, { body: { code: code.body.code, name: 'Thief' } });
    expect(again).toMatchObject({ status: 400, body: { field: 'code' } });

    const token = paired.body.token as string;
    expect((await api('/api/v1/me', token)).body).toMatchObject({ id: 'dan' });
    const phone = await connectPhone(relay.url, token);
    phones.push(phone);
    expect(phone.socket.connected).toBe(true);
    const listed = await api('/api/v1/devices', userToken);
    expect(listed.body.devices.map((d: { name: string }) => d.name)).toEqual(['Pixel']);

    // Bob may not revoke Dan's phone; Dan may.
    const bob = await login(relay.url, 'bob', 'change-me-bob');
    expect((await api(`/api/v1/devices/${paired.body.device.id}`, bob, { method: 'DELETE' })).status).toBe(404);
    const cut = new Promise<string>((resolve) => phone.socket.once('disconnect', resolve));
    expect((await api(`/api/v1/devices/${paired.body.device.id}`, userToken, { method: 'DELETE' })).status).toBe(200);
    // The open socket of the revoked phone is cut at once.
    expect(await cut).toBe('io server disconnect');
    expect((await api('/api/v1/me', token)).status).toBe(401);
    const refused = connect(`${relay.url}/device`, { auth: { token }, transports: ['websocket'], reconnection: false });
    const error = await new Promise<Error>((resolve) => refused.once('connect_error', resolve));
    refused.close();
    expect(error.message).toBe('unauthorized');
  });

  it('sends a page by Web Push, encrypted for the subscription, whose signed read link records the read', async () => {
    const { token } = await pairPhone('bob', 'change-me-bob');
    const key = await api('/api/v1/push/public-key', token);
    expect(key.body.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    const subscriber = createTestSubscriber(`${pushService.baseUrl}/push/bob-1`);
    expect((await api('/api/v1/push/subscriptions', token, { body: { subscription: subscriber.subscription } })).status).toBe(201);

    pushStatus = 201;
    const before = pushService.requests.length;
    expect((await trigger('web-push-1')).status).toBe(202);
    const request = await until(() => pushService.requests.slice(before).find((r) => r.path === '/push/bob-1'));
    expect(request.headers['content-encoding']).toBe('aes128gcm');
    expect(request.headers.urgency).toBe('high');
    const payload = JSON.parse(decryptWebPush(subscriber, request.body)) as WebPushPayload;
    expect(payload).toMatchObject({ summary: 'Disk full web-push-1', priority: 'high', serviceName: 'RMM alerts' });
    expect(payload.openUrl).toBe(`${relay.url}/m/#/pages/${encodeURIComponent(payload.pageId)}`);

    // A tampered link changes nothing; the real one records the read and stops the escalation.
    const forged = payload.actions.read.replace(/sig=[^&]+/, 'sig=forged');
    expect((await fetch(forged, { method: 'POST' })).status).toBe(403);
    expect((await relay.store.getPage(payload.pageId))?.state).not.toBe('read');
    expect((await fetch(payload.actions.read, { method: 'POST' })).status).toBe(200);
    const page = await relay.store.getPage(payload.pageId);
    expect(page).toMatchObject({ state: 'read', userId: 'bob' });
    const incident = await relay.store.getIncident(page!.incidentId);
    expect(incident?.escalation).toBe('stopped');
    expect((await relay.store.listTimeline(incident!.id)).map((e) => e.type)).toContain('page.read');
  });

  it('removes a subscription the push service calls gone (410) and reports it in the test page', async () => {
    const { token } = await pairPhone('cara', 'change-me-cara');
    const subscriber = createTestSubscriber(`${pushService.baseUrl}/push/cara-1`);
    await api('/api/v1/push/subscriptions', token, { body: { subscription: subscriber.subscription } });
    expect(await relay.store.listPushSubscriptions('cara')).toHaveLength(1);

    pushStatus = 410;
    const test = await api('/api/v1/me/test-page', token, { body: {} });
    pushStatus = 201;
    expect(test.body.results).toEqual([{ channel: 'push', ok: false, detail: expect.stringContaining('push service 410') }]);
    expect(await relay.store.listPushSubscriptions('cara')).toEqual([]);
  });

  it('takes contacts from the config file', async () => {
    const token = await login(relay.url, 'ann', 'change-me-ann');
    expect((await api('/api/v1/me/notifications', token)).body.contacts).toEqual({ ntfy: { url: `${ntfy.baseUrl}/klaxon-ann`, token: 'tk_ann' } });
  });

  it('rings an open phone app with the test page and says so', async () => {
    const { token } = await pairPhone('ann', 'change-me-ann');
    const phone = await connectPhone(relay.url, token);
    phones.push(phone);
    const test = await api('/api/v1/me/test-page', token, { body: { channel: 'push' } });
    expect(test.body.results).toEqual([{ channel: 'push', ok: true, detail: '1 open app confirmed, 0 of 0 push subscriptions accepted' }]);
    expect(phone.pages.map((p) => p.id)).toEqual([expect.stringMatching(/^test-/)]);
  });

  it('keeps notification rules and contacts, and pages on ntfy with signed action buttons', async () => {
    const token = await login(relay.url, 'bob', 'change-me-bob');
    const settings = { rules: [{ channel: 'ntfy', after: 0 }], contacts: { ntfy: { url: `${ntfy.baseUrl}/klaxon-bob` } } };
    expect((await api('/api/v1/me/notifications', token, { method: 'PUT', body: settings })).status).toBe(200);
    expect((await api('/api/v1/me/notifications', token)).body).toEqual(settings);
    const bad = await api('/api/v1/me/notifications', token, { method: 'PUT', body: { rules: [], contacts: { ntfy: { url: 'ftp://x/y' } } } });
    expect(bad).toMatchObject({ status: 400, body: { field: 'contacts.ntfy.url' } });

    const test = await api('/api/v1/me/test-page', token, { body: {} });
    expect(test.body.results).toEqual([{ channel: 'ntfy', ok: true, detail: 'accepted by ntfy' }]);

    const before = ntfy.requests.length;
    await trigger('ntfy-1');
    const publish = await until(() => ntfy.requests.slice(before).find((r) => JSON.parse(r.text).message === 'Disk full ntfy-1'));
    const body = JSON.parse(publish.text) as { topic: string; priority: number; actions: { label: string; url: string }[] };
    expect(body).toMatchObject({ topic: 'klaxon-bob', priority: 5 });
    const pageId = decodeURIComponent(/\/actions\/pages\/([^/]+)\//.exec(body.actions[0]!.url)![1]!);
    await until(async () => ((await relay.store.listPageReceipts(pageId)).length ? true : undefined));
    const acknowledge = body.actions.find((a) => /acknowledge/i.test(a.url))!;
    expect((await fetch(acknowledge.url, { method: 'POST' })).status).toBe(200);
    const page = await relay.store.getPage(pageId);
    expect(page?.state).toBe('read');
    expect((await relay.store.getIncident(page!.incidentId))?.status).toBe('acknowledged');
  });

  it('reads the page behind a Pushover receipt when Pushover calls back, and refuses a wrong secret', async () => {
    // The receipt stands for a Pushover emergency page of bob's; Pushover itself is not called here.
    await trigger('pushover-1');
    const incident = await until(async () => (await relay.store.listOpenIncidents()).find((i) => i.dedupKey === 'pushover-1'));
    const page = await until(async () => (await relay.store.listPages(incident.id))[0]);
    const receipt = 'u'.repeat(30);
    await relay.store.insertPageReceipt({ receipt, pageId: page.id, channel: 'pushover', createdAt: new Date() });

    const form = new URLSearchParams({ receipt, acknowledged: '1', acknowledged_at: String(Math.floor(Date.now() / 1000)), acknowledged_by: 'u'.repeat(30) });
    const wrong = await fetch(`${relay.url}/actions/pushover/not-the-secret`, { method: 'POST', body: form });
    expect(wrong.status).toBe(403);
    const links = await import('../../server/app/push/action-links.js');
    const key = await links.loadActionKey(relay.store);
    const callback = links.createActionLinks({ key, baseUrl: () => relay.url }).pushoverCallbackUrl();
    const answered = await fetch(callback, { method: 'POST', body: form });
    expect(answered.status).toBe(200);
    expect((await relay.store.getPage(page.id))?.state).toBe('read');
  });
});
