import { afterEach, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import type { ContactAddress } from '../../app/ports/notifier.js';
import { createNotifierPipeline } from './pipeline.js';
import { createPushoverNotifier } from './pushover.js';
import { parsePushoverTarget, pushoverTarget } from './pushover-api.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';
import { scripted, startRecordingServer, type Handler, type RecordingServer } from './testing/recording-server.js';

// The test services listen on loopback, which the relay's outbound fetch reaches only when allowed.
const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });

const APP_TOKEN = 'azGDORePK8gMaC0QOYAMyEEuzJnyUi';
const USER_KEY = 'uQiRzpo4DXghDmr9QzzfQu27cmVRsG';
const RECEIPT = 'rLqVuqTRh62UzxtmqiaLzQmVcPBiCr';

/** Receipt states the fake Pushover keeps, changed by tests to play the person acknowledging. */
interface ReceiptState {
  acknowledged: boolean;
  cancelled: boolean;
}

/**
 * A small Pushover API: messages (form-encoded, emergency priority needs retry >= 30 and
 * expire <= 10800 and answers a receipt), receipt polling and cancelling, errors as `{status:0, errors}`.
 */
function pushoverServer(receipts: Map<string, ReceiptState>): Handler {
  const refuse = (...errors: string[]) => ({ status: 400, body: { status: 0, errors, request: 'req-bad' } });
  return (request) => {
    const form = new URLSearchParams(request.text);
    const token = request.method === 'GET' ? request.url.searchParams.get('token') : form.get('token');
    if (token !== APP_TOKEN) return refuse('application token is invalid');
    if (request.method === 'POST' && request.url.pathname === '/1/messages.json') {
      if (form.get('user') !== USER_KEY) return { status: 400, body: { status: 0, user: 'invalid', errors: ['user identifier is not a valid user, group, or subscribed user key'], request: 'req-1' } };
      if (form.get('priority') !== '2') return { status: 200, body: { status: 1, request: 'req-2' } };
      const retry = Number(form.get('retry'));
      const expire = Number(form.get('expire'));
      if (!(retry >= 30)) return refuse('retry is invalid');
      if (!(expire > 0 && expire <= 10_800)) return refuse('expire is invalid');
      receipts.set(RECEIPT, { acknowledged: false, cancelled: false });
      return { status: 200, body: { status: 1, request: 'req-3', receipt: RECEIPT } };
    }
    const poll = /^\/1\/receipts\/(\w+)\.json$/.exec(request.url.pathname);
    const state = receipts.get(poll?.[1] ?? /^\/1\/receipts\/(\w+)\/cancel\.json$/.exec(request.url.pathname)?.[1] ?? '');
    if (!state) return { status: 404, body: { status: 0, errors: ['receipt not found; may be invalid or expired'], request: 'req-4' } };
    if (request.method === 'GET' && poll) {
      return {
        status: 200,
        body: {
          status: 1,
          acknowledged: state.acknowledged ? 1 : 0,
          acknowledged_at: state.acknowledged ? 1_741_064_800 : 0,
          acknowledged_by: state.acknowledged ? USER_KEY : '',
          acknowledged_by_device: state.acknowledged ? 'pixel8' : '',
          last_delivered_at: 1_741_064_767,
          expired: state.cancelled ? 1 : 0,
          expires_at: 1_741_068_367,
          called_back: 0,
          called_back_at: 0,
          request: 'req-5',
        },
      };
    }
    state.cancelled = true;
    return { status: 200, body: { status: 1, request: 'req-6' } };
  };
}

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const ana: ContactAddress = { channel: 'pushover', target: USER_KEY };

async function startPushover(script: Parameters<typeof scripted>[0] = []) {
  const receipts = new Map<string, ReceiptState>();
  server = await startRecordingServer(scripted(script, pushoverServer(receipts)));
  const pushover = createPushoverNotifier({ fetch, apiUrl: server.baseUrl, appToken: APP_TOKEN, callbackUrl: 'https://klaxon.example/hooks/pushover/s3cret' });
  return { receipts, pushover, server };
}

describe('pushover targets', () => {
  it('carries an optional device after the user key', () => {
    expect(pushoverTarget({ userKey: USER_KEY, device: 'pixel8' })).toBe(`${USER_KEY}:pixel8`);
    expect(parsePushoverTarget(`${USER_KEY}:pixel8`)).toEqual({ userKey: USER_KEY, device: 'pixel8' });
    expect(parsePushoverTarget(USER_KEY)).toEqual({ userKey: USER_KEY });
    expect(parsePushoverTarget('short')).toBeUndefined();
  });
});

describe('createPushoverNotifier against a local Pushover API', () => {
  it('sends a high page as an emergency with retry, expire and callback, and keeps the receipt', async () => {
    const { pushover, server } = await startPushover();
    const message = pageMessage();
    await expect(pushover.send({ ...ana, target: pushoverTarget({ userKey: USER_KEY, device: 'pixel8' }) }, message)).resolves.toEqual({ ok: true, receipt: RECEIPT });

    const request = server.requests[0]!;
    expect([request.method, request.path, request.headers['content-type']]).toEqual(['POST', '/1/messages.json', 'application/x-www-form-urlencoded;charset=UTF-8']);
    expect(Object.fromEntries(new URLSearchParams(request.text))).toEqual({
      token: APP_TOKEN,
      user: USER_KEY,
      device: 'pixel8',
      title: 'HIGH · Database',
      message: `db-01 disk full on /var\n\n<a href="${message.actions.read}">Read</a> · <a href="${message.actions.acknowledge}">Acknowledge</a>`,
      html: '1',
      priority: '2',
      retry: '60',
      expire: '3600',
      callback: 'https://klaxon.example/hooks/pushover/s3cret',
      url: message.openUrl,
      url_title: 'Open in Klaxon',
      timestamp: String(Date.parse(message.createdAt) / 1000),
    });
  });

  it('puts the signed Read and Acknowledge links in an HTML message, the summary escaped and cut to fit', async () => {
    const { pushover, server } = await startPushover();
    const read = 'https://klaxon.example/actions/pages/p1/read?exp=1&sig=a&b';
    await pushover.send(ana, pageMessage({ priority: 'medium', summary: `<b>Disk</b> & "quota" ${'x'.repeat(2000)}`, actions: { read, acknowledge: `${read}-ack` } }));
    const form = new URLSearchParams(server.requests[0]!.text);
    const text = form.get('message')!;
    expect(form.get('html')).toBe('1');
    expect(text.length).toBeLessThanOrEqual(1024);
    expect(text.startsWith('&lt;b&gt;Disk&lt;/b&gt; &amp; &quot;quota&quot; xxx')).toBe(true);
    expect(text).toContain('…');
    expect(text.endsWith(`<a href="${read.replaceAll('&', '&amp;')}">Read</a> · <a href="${read.replaceAll('&', '&amp;')}-ack">Acknowledge</a>`)).toBe(true);
  });

  it('sends medium as priority 1 and low as 0, without emergency fields or a receipt', async () => {
    const { pushover, server } = await startPushover();
    await expect(pushover.send(ana, pageMessage({ priority: 'medium' }))).resolves.toEqual({ ok: true });
    await expect(pushover.send(ana, pageMessage({ priority: 'low' }))).resolves.toEqual({ ok: true });
    const forms = server.requests.map((r) => new URLSearchParams(r.text));
    expect(forms.map((f) => [f.get('priority'), f.get('retry'), f.get('expire'), f.get('callback')])).toEqual([
      ['1', null, null, null],
      ['0', null, null, null],
    ]);
  });

  it('polls a receipt: not acknowledged, then acknowledged (= read) with who and when', async () => {
    const { pushover, receipts, server } = await startPushover();
    await pushover.send(ana, pageMessage());
    await expect(pushover.pollReceipt(RECEIPT)).resolves.toEqual({
      acknowledged: false,
      acknowledgedAt: null,
      acknowledgedBy: null,
      acknowledgedByDevice: null,
      expired: false,
      expiresAt: new Date(1_741_068_367_000),
      lastDeliveredAt: new Date(1_741_064_767_000),
    });
    receipts.get(RECEIPT)!.acknowledged = true;
    await expect(pushover.pollReceipt(RECEIPT)).resolves.toMatchObject({
      acknowledged: true,
      acknowledgedAt: new Date(1_741_064_800_000),
      acknowledgedBy: USER_KEY,
      acknowledgedByDevice: 'pixel8',
    });
    expect(server.requests[1]?.path).toBe(`/1/receipts/${RECEIPT}.json?token=${APP_TOKEN}`);
  });

  it('cancels an emergency receipt so Pushover stops repeating it', async () => {
    const { pushover, receipts, server } = await startPushover();
    await pushover.send(ana, pageMessage());
    await pushover.cancel(RECEIPT);
    const request = server.requests[1]!;
    expect([request.method, request.path, request.text]).toEqual(['POST', `/1/receipts/${RECEIPT}/cancel.json`, `token=${APP_TOKEN}`]);
    expect(receipts.get(RECEIPT)?.cancelled).toBe(true);
    await expect(pushover.pollReceipt(RECEIPT)).resolves.toMatchObject({ expired: true });
  });

  it("throws with Pushover's errors when a receipt is unknown, and refuses a malformed one before calling", async () => {
    const { pushover, server } = await startPushover();
    await expect(pushover.pollReceipt('unknownunknownunknownunknown00')).rejects.toThrow('Pushover 404: receipt not found; may be invalid or expired');
    await expect(pushover.cancel('../../1/messages')).rejects.toThrow(/not a Pushover receipt/);
    expect(server.requests).toHaveLength(1);
  });

  it('answers a {status:0, errors} 400 as not retryable with the errors joined', async () => {
    const { pushover } = await startPushover([{ status: 400, body: { status: 0, errors: ['message cannot be blank', 'title is too long'], request: 'r' } }]);
    await expect(pushover.send(ana, pageMessage())).resolves.toEqual({ ok: false, retryable: false, error: 'Pushover 400: message cannot be blank; title is too long' });
    await expect(pushover.send({ ...ana, target: 'gznej3rKEVAvPUxu9vvNnqpmZpokzF' }, pageMessage())).resolves.toEqual({
      ok: false,
      retryable: false,
      error: 'Pushover 400: user identifier is not a valid user, group, or subscribed user key',
    });
  });

  it('retries a 429 and a 500 and then succeeds', async () => {
    const { pushover: bare, server } = await startPushover([
      { status: 429, body: { status: 0, errors: ['application has exceeded its monthly limit'] } },
      { status: 500, body: 'upstream trouble' },
    ]);
    const { sleep, waits } = fakeSleep();
    const pushover = createNotifierPipeline(bare, { retry: { attempts: 4, baseDelayMs: 1000, maxDelayMs: 60_000, sleep, random: () => 0 } });
    await expect(pushover.send(ana, pageMessage())).resolves.toEqual({ ok: true, receipt: RECEIPT });
    expect({ calls: server.requests.length, waits }).toEqual({ calls: 3, waits: [500, 1000] });
  });

  it('refuses a malformed app token or emergency timing at creation', () => {
    expect(() => createPushoverNotifier({ fetch, appToken: 'short' })).toThrow(/appToken/);
    expect(() => createPushoverNotifier({ fetch, appToken: APP_TOKEN, emergencyRetrySeconds: 10 })).toThrow(/retry/);
    expect(() => createPushoverNotifier({ fetch, appToken: APP_TOKEN, emergencyExpireSeconds: 20_000 })).toThrow(/expire/);
  });
});
