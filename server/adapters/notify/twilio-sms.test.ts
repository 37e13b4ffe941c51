import { afterEach, describe, expect, it } from 'vitest';
import { pageCode, parseSmsReply } from '../../core/phone-replies/reply-code.js';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import { smsLength, smsParts } from '../twilio/sms-encoding.js';
import { createTwilioClient } from '../twilio/twilio-client.js';
import { createContactRateLimit } from './contact-rate-limit.js';
import { createNotifierPipeline } from './pipeline.js';
import { createTwilioSmsNotifier, renderSmsText } from './twilio-sms.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';
import { scripted, startRecordingServer, type Handler, type RecordingServer } from './testing/recording-server.js';

// The test service listens on loopback, which the relay's outbound fetch reaches only when allowed.
const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });
const ACCOUNT = `AC${'a'.repeat(32)}`;
const TOKEN = 'tok_'.padEnd(32, 'x');
const BOB = '+14155550101';

/** Twilio's Messages resource as far as the notifier uses it: a form POST answered with the message's SID and parts. */
const messagesApi: Handler = (request) => {
  if (request.method !== 'POST' || request.path !== `/2010-04-01/Accounts/${ACCOUNT}/Messages.json`) return { status: 404, body: { code: 20404, message: 'not found' } };
  const form = new URLSearchParams(request.text);
  if (form.get('To') === '+15005550001') return { status: 400, body: { code: 21211, message: "The 'To' number +15005550001 is not a valid phone number.", status: 400 } };
  return { status: 201, body: { sid: `SM${'b'.repeat(32)}`, status: 'queued', num_segments: String(smsParts(form.get('Body') ?? '')) } };
};

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function notifierFor(baseUrl: string, segments: number[] = []) {
  const client = createTwilioClient({ fetch, accountSid: ACCOUNT, authToken: TOKEN, baseUrl });
  return createTwilioSmsNotifier({ client, from: '+15005550006', statusCallbackUrl: () => 'https://klaxon.example/twilio/status/sms', onSegments: (n) => void segments.push(n) });
}

describe('renderSmsText', () => {
  it('names priority, service and summary, and ends with the reply line carrying the page code', () => {
    const message = pageMessage();
    expect(renderSmsText(message)).toBe(`Klaxon HIGH - Database: db-01 disk full on /var\nReply 1 read, 2 ack, 3 can't take it (code ${pageCode(message.pageId)})`);
    expect(renderSmsText(pageMessage({ attempt: 3, priority: 'low' }))).toMatch(/^Klaxon LOW \(repeat 3\) - Database: /);
  });

  it('offers exactly the replies the relay understands', () => {
    const message = pageMessage();
    const code = pageCode(message.pageId);
    expect(renderSmsText(message)).toContain(`code ${code}`);
    expect(parseSmsReply(`1 ${code}`)).toEqual({ action: 'read', code });
    expect(parseSmsReply(`2 ${code}`)).toEqual({ action: 'acknowledge', code });
    expect(parseSmsReply(`3 ${code}`)).toEqual({ action: 'decline', code });
  });

  it('stays in GSM-7 and within three parts of 153 for a long plain summary, cutting the summary only', () => {
    const text = renderSmsText(pageMessage({ summary: 'x'.repeat(2_000), serviceName: 'S'.repeat(200) }));
    expect(smsLength(text)).toEqual({ encoding: 'gsm7', units: 459 });
    expect(smsParts(text)).toBe(3);
    expect(text).toMatch(/^Klaxon HIGH - S{57}\.\.\.: x+\.\.\.\nReply 1 read, 2 ack, 3 can't take it \(code \d{4}\)$/);
    // A summary that fits is not cut.
    expect(smsParts(renderSmsText(pageMessage({ summary: 'y'.repeat(300) })))).toBe(3);
    expect(renderSmsText(pageMessage({ summary: 'y'.repeat(300) }))).toContain(`${'y'.repeat(300)}\n`);
  });

  it('counts GSM-7 extension characters twice and cuts a UCS-2 summary (an emoji) to three parts of 67', () => {
    const braces = renderSmsText(pageMessage({ summary: '{}'.repeat(400) }));
    expect(smsLength(braces)).toMatchObject({ encoding: 'gsm7' });
    expect(smsLength(braces).units).toBeLessThanOrEqual(459);
    const emoji = renderSmsText(pageMessage({ summary: `🔥 ${'disk full '.repeat(100)}` }));
    expect(smsLength(emoji).encoding).toBe('ucs2');
    expect(emoji.length).toBeLessThanOrEqual(3 * 67);
    expect(smsParts(emoji)).toBe(3);
    expect(emoji).toMatch(/^Klaxon HIGH - Database: 🔥 disk full .*\.\.\.\nReply 1 read/s);
  });
});

describe('createTwilioSmsNotifier against a local Messages API', () => {
  it('POSTs the form with basic auth and the status callback; the receipt is the SID, the parts are counted', async () => {
    server = await startRecordingServer(messagesApi);
    const segments: number[] = [];
    const result = await notifierFor(server.baseUrl, segments).send({ channel: 'sms', target: BOB }, pageMessage({ summary: 'z'.repeat(200) }));

    expect(result).toEqual({ ok: true, receipt: `SM${'b'.repeat(32)}` });
    expect(segments).toEqual([2]);
    const [request] = server.requests;
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${TOKEN}`).toString('base64')}`);
    expect(request?.headers['content-type']).toMatch(/^application\/x-www-form-urlencoded/);
    expect(Object.fromEntries(new URLSearchParams(request!.text))).toEqual({
      To: BOB,
      From: '+15005550006',
      Body: renderSmsText(pageMessage({ summary: 'z'.repeat(200) })),
      StatusCallback: 'https://klaxon.example/twilio/status/sms',
    });
  });

  it('still answers sent when counting the parts fails: the SMS went out, and a retry would send it again', async () => {
    server = await startRecordingServer(messagesApi);
    const client = createTwilioClient({ fetch, accountSid: ACCOUNT, authToken: TOKEN, baseUrl: server.baseUrl });
    const notifier = createTwilioSmsNotifier({ client, from: '+15005550006', statusCallbackUrl: () => 'https://klaxon.example/twilio/status/sms', onSegments: () => Promise.reject(new Error('SQLITE_BUSY')) });
    expect(await notifier.send({ channel: 'sms', target: BOB }, pageMessage())).toEqual({ ok: true, receipt: `SM${'b'.repeat(32)}` });
  });

  it('refuses a target that is not E.164 without calling the provider, for good', async () => {
    server = await startRecordingServer(messagesApi);
    const notifier = notifierFor(server.baseUrl);
    for (const target of ['04155550101', '+1 415 555 0101', 'bob@example.com']) {
      expect(await notifier.send({ channel: 'sms', target }, pageMessage())).toEqual({ ok: false, retryable: false, error: 'not an E.164 phone number' });
    }
    expect(server.requests).toHaveLength(0);
  });

  it("gives the provider's 4xx as a failure that is not retried, with its code and message (the number hidden)", async () => {
    server = await startRecordingServer(messagesApi);
    const { sleep, waits } = fakeSleep();
    const staged = createNotifierPipeline(notifierFor(server.baseUrl), { retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, sleep } });
    const result = await staged.send({ channel: 'sms', target: '+15005550001' }, pageMessage());
    expect(result).toEqual({ ok: false, retryable: false, error: "Twilio 400 (21211): The 'To' number <number> is not a valid phone number." });
    expect({ requests: server.requests.length, waits }).toEqual({ requests: 1, waits: [] });
  });

  it('retries 5xx and 429 (honouring Retry-After) inside the retry stage, then sends once', async () => {
    server = await startRecordingServer(
      scripted(
        [
          { status: 503, body: { code: 20503, message: 'Service unavailable' } },
          { status: 429, headers: { 'retry-after': '2' }, body: { code: 20429, message: 'Too Many Requests' } },
        ],
        messagesApi,
      ),
    );
    const { sleep, waits } = fakeSleep();
    const segments: number[] = [];
    const staged = createNotifierPipeline(notifierFor(server.baseUrl, segments), { retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 5_000, sleep, random: () => 0 } });
    expect(await staged.send({ channel: 'sms', target: BOB }, pageMessage())).toEqual({ ok: true, receipt: `SM${'b'.repeat(32)}` });
    expect({ requests: server.requests.length, waits, segments }).toEqual({ requests: 3, waits: [50, 2_000], segments: [1] });
  });

  it('gives up after the retry budget with a retryable failure (the page repeat takes over)', async () => {
    server = await startRecordingServer(() => ({ status: 500, body: 'oops' }));
    const { sleep } = fakeSleep();
    const staged = createNotifierPipeline(notifierFor(server.baseUrl), { retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 100, sleep } });
    expect(await staged.send({ channel: 'sms', target: BOB }, pageMessage())).toEqual({ ok: false, retryable: true, error: 'Twilio 500: oops' });
    expect(server.requests).toHaveLength(2);
  });

  it('holds a number over the per-contact rate limit back without calling the provider', async () => {
    server = await startRecordingServer(messagesApi);
    const { sleep } = fakeSleep();
    const rateLimit = createContactRateLimit({ limit: 2, perMs: 60_000, now: () => 0 });
    const staged = createNotifierPipeline(notifierFor(server.baseUrl), { rateLimit, retry: { attempts: 3, baseDelayMs: 10, maxDelayMs: 5_000, sleep } });
    await staged.send({ channel: 'sms', target: BOB }, pageMessage({ pageId: 'a' }));
    await staged.send({ channel: 'sms', target: BOB }, pageMessage({ pageId: 'b' }));
    expect(await staged.send({ channel: 'sms', target: BOB }, pageMessage({ pageId: 'c' }))).toMatchObject({ ok: false, retryable: true, error: 'rate limited' });
    // Another number has its own bucket.
    expect(await staged.send({ channel: 'sms', target: '+14155550102' }, pageMessage({ pageId: 'd' }))).toMatchObject({ ok: true });
    expect(server.requests).toHaveLength(3);
  });

  it('counts a 2xx without a SID as a retryable failure (the message may not exist)', async () => {
    server = await startRecordingServer(() => ({ status: 201, body: { status: 'queued' } }));
    expect(await notifierFor(server.baseUrl).send({ channel: 'sms', target: BOB }, pageMessage())).toEqual({ ok: false, retryable: true, error: 'Twilio 201: no SID in the answer' });
  });
});
