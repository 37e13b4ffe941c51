import { afterEach, describe, expect, it } from 'vitest';
import { createAddressGuard } from '../outbound/address-guard.js';
import { createOutboundFetch } from '../outbound/outbound-fetch.js';
import { createTwilioClient } from '../twilio/twilio-client.js';
import { createContactRateLimit } from './contact-rate-limit.js';
import { createNotifierPipeline } from './pipeline.js';
import { createTwilioVoiceNotifier } from './twilio-voice.js';
import { fakeSleep, pageMessage } from './testing/page-message.js';
import { scripted, startRecordingServer, type Handler, type RecordingServer } from './testing/recording-server.js';

const fetch = createOutboundFetch({ guard: createAddressGuard(['127.0.0.1/32']) });
const ACCOUNT = `AC${'c'.repeat(32)}`;
const CALL_SID = `CA${'d'.repeat(32)}`;
const BOB = '+14155550101';

/** Twilio's Calls resource as far as the notifier uses it. */
const callsApi: Handler = (request) =>
  request.method === 'POST' && request.path === `/2010-04-01/Accounts/${ACCOUNT}/Calls.json`
    ? { status: 201, body: { sid: CALL_SID, status: 'queued' } }
    : { status: 404, body: { code: 20404, message: 'not found' } };

let server: RecordingServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function notifierFor(baseUrl: string, ringSeconds?: number) {
  const client = createTwilioClient({ fetch, accountSid: ACCOUNT, authToken: 'token', baseUrl });
  return createTwilioVoiceNotifier({ client, from: '+15005550006', publicBase: () => 'https://klaxon.example', ...(ringSeconds ? { ringSeconds } : {}) });
}

describe('createTwilioVoiceNotifier against a local Calls API', () => {
  it("places a call whose script is the page's relay URL, with machine detection and a status callback for the outcome", async () => {
    server = await startRecordingServer(callsApi);
    const result = await notifierFor(server.baseUrl).send({ channel: 'voice', target: BOB }, pageMessage({ pageId: 'pg/1 2' }));

    expect(result).toEqual({ ok: true, receipt: CALL_SID });
    const form = new URLSearchParams(server.requests[0]!.text);
    expect(Object.fromEntries(form)).toEqual({
      To: BOB,
      From: '+15005550006',
      Url: 'https://klaxon.example/twilio/voice/pg%2F1%202',
      Method: 'POST',
      // Voicemail must be told apart from a person: the script hangs up on it and the page stays unread.
      MachineDetection: 'Enable',
      Timeout: '30',
      StatusCallback: 'https://klaxon.example/twilio/status/voice',
      StatusCallbackMethod: 'POST',
      StatusCallbackEvent: 'completed',
    });
  });

  it('lets a call ring for the configured seconds before it counts as not answered', async () => {
    server = await startRecordingServer(callsApi);
    await notifierFor(server.baseUrl, 45).send({ channel: 'voice', target: BOB }, pageMessage());
    expect(new URLSearchParams(server.requests[0]!.text).get('Timeout')).toBe('45');
  });

  it('refuses a target that is not E.164 without placing a call', async () => {
    server = await startRecordingServer(callsApi);
    expect(await notifierFor(server.baseUrl).send({ channel: 'voice', target: '4155550101' }, pageMessage())).toEqual({
      ok: false,
      retryable: false,
      error: 'not an E.164 phone number',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('retries a 5xx, does not retry a 4xx, and hides the number in the error', async () => {
    server = await startRecordingServer(
      scripted(
        [
          { status: 502, body: 'bad gateway' },
          { status: 400, body: { code: 13224, message: 'The phone number +1 415 555 0101 is not a valid phone number' } },
        ],
        callsApi,
      ),
    );
    const { sleep, waits } = fakeSleep();
    const staged = createNotifierPipeline(notifierFor(server.baseUrl), { retry: { attempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, sleep, random: () => 0 } });
    expect(await staged.send({ channel: 'voice', target: BOB }, pageMessage())).toEqual({
      ok: false,
      retryable: false,
      error: 'Twilio 400 (13224): The phone number <number> is not a valid phone number',
    });
    expect({ requests: server.requests.length, waits }).toEqual({ requests: 2, waits: [50] });
  });

  it('shares the per-contact rate limit: a number over it gets no call', async () => {
    server = await startRecordingServer(callsApi);
    const { sleep } = fakeSleep();
    const rateLimit = createContactRateLimit({ limit: 1, perMs: 60_000, now: () => 0 });
    const staged = createNotifierPipeline(notifierFor(server.baseUrl), { rateLimit, retry: { attempts: 2, baseDelayMs: 10, maxDelayMs: 1_000, sleep } });
    expect(await staged.send({ channel: 'voice', target: BOB }, pageMessage())).toEqual({ ok: true, receipt: CALL_SID });
    expect(await staged.send({ channel: 'voice', target: BOB }, pageMessage())).toMatchObject({ ok: false, retryable: true, error: 'rate limited' });
    expect(server.requests).toHaveLength(1);
  });
});
