import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import { pageCode } from '../../server/core/phone-replies/reply-code.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';
import { createTestDatabase } from '../support/postgres.js';
import { startTwilioFake, type TwilioFake } from '../support/twilio-fake.js';

const BOB = '+14155550101';
const CARA = '+14155550102';
let fake: TwilioFake;
let relay: RelayProcess;
let ann: string;

const api = async <T>(path: string, token = ann, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> => {
  const response = await fetch(`${relay.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${token}`, ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  return { status: response.status, body: (await response.json()) as T };
};
const incidentOf = async (id: string) => (await api<{ incident: Incident; pages: Page[] }>(`/api/v1/incidents/${id}`)).body;

async function trigger(dedupKey: string, summary = `Phone page ${dedupKey}`): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'twilio-test', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
  const { body } = await api<{ incidents: Incident[] }>('/api/v1/incidents?status=open');
  return body.incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

async function until<T>(read: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const smsUrl = () => `${relay.url}/twilio/sms`;

/** Each backend gets its own relay (and, for PostgreSQL, a throw-away database): migration 0028 and the usage upsert run on both. */
const BACKENDS: [string, string | undefined][] = [
  ['SQLite', undefined],
  ['PostgreSQL', process.env.KLAXON_TEST_PG_URL],
];

describe.each(BACKENDS)('SMS and voice pages through a Twilio-compatible API on %s (real relay, local fake with signed callbacks)', (backend, pgServerUrl) => {
  const skip = backend === 'PostgreSQL' && !pgServerUrl;
  const maybe = skip ? it.skip : it;
  let pg: { url: string; drop(): Promise<void> } | undefined;
  beforeAll(async () => {
    if (skip) return;
    pg = pgServerUrl ? await createTestDatabase(pgServerUrl) : undefined;
    fake = await startTwilioFake();
    // Level 1 pages bob by SMS and call; level 2 (cara, SMS) is an hour away, so only a reply moves it.
    const config = writeTestConfig((doc) => {
      fastEscalationPolicy(doc, ['1h', '1h']);
      const bob = doc.users!.find((u) => u.id === 'bob')!;
      bob.notify = [{ channel: 'sms', after: '0s' }, { channel: 'voice', after: '0s' }];
      bob.contacts = { phone: { number: '+1 415 555 0101' } };
      const cara = doc.users!.find((u) => u.id === 'cara')!;
      cara.notify = [{ channel: 'sms', after: '0s' }];
      cara.contacts = { phone: { number: '+1 (415) 555-0102' } };
      doc.channels = { twilio: { accountSid: fake.accountSid, authTokenEnv: 'KLAXON_TEST_TWILIO_TOKEN', from: '+1 500 555 0006', baseUrl: fake.baseUrl } };
    });
    relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32', KLAXON_TEST_TWILIO_TOKEN: fake.authToken, ...(pg ? { KLAXON_DB: pg.url } : {}) } });
    ann = await login(relay.url, 'ann', 'change-me-ann');
  }, 60_000);
  afterAll(async () => {
    if (skip) return;
    await relay?.dispose();
    await fake?.close();
    await pg?.drop();
  });

  maybe('an SMS page answered "1" reads the page and stops the escalation (stopOn read)', async () => {
    const id = await trigger('sms-read-1');
    const sms = await fake.waitForMessage((m) => m.to === BOB && m.body.includes('sms-read-1'));
    expect(sms.from).toBe('+15005550006');
    const page = await until(async () => (await incidentOf(id)).pages.find((p) => p.channel === 'sms' && p.state === 'sent'));
    expect(sms.body).toContain(`code ${pageCode(page.id)}`);
    expect(sms.body).toMatch(/Reply 1 read, 2 ack, 3 can't take it/);
    expect((await incidentOf(id)).incident.escalation).toBe('running');

    const reply = await fake.sendSms(smsUrl(), BOB, '1');
    expect(reply.status).toBe(200);
    expect(reply.text).toContain('<Message>Klaxon knows you have read the page.</Message>');
    const after = await until(async () => {
      const state = await incidentOf(id);
      return state.incident.escalation === 'stopped' && state;
    });
    expect(after.pages.find((p) => p.id === page.id)!.state).toBe('read');
    expect(after.incident.status).toBe('triggered');

    // The same code again is stale: a clear answer, and nothing changes (no acknowledgement).
    const stale = await fake.sendSms(smsUrl(), BOB, `2 ${pageCode(page.id)}`);
    expect(stale.text).toMatch(/matches none of your open pages.*Nothing was changed/);
    expect((await incidentOf(id)).incident.status).toBe('triggered');
  });

  maybe('a call reads the summary, takes key 2 and acknowledges the incident; call minutes are counted', async () => {
    const id = await trigger('voice-ack-1', 'Core switch down in rack 4');
    const call = await fake.waitForCall((c) => c.to === BOB && c.url.includes(`/twilio/voice/${id}`));
    expect(call.machineDetection).toBe('Enable');
    const [script, answer] = await fake.answerCall(call, { digits: '2', durationSeconds: 75 });
    expect(script).toContain('<Say>Klaxon page. high priority, on RMM alerts. Core switch down in rack 4.');
    expect(script).toMatch(/<Gather input="dtmf" numDigits="1"/);
    expect(answer).toContain('The incident is acknowledged.');
    await until(async () => (await incidentOf(id)).incident.status === 'acknowledged');

    const usage = await api<{ configured: boolean; months: { month: string; smsSegments: number; callMinutes: number }[] }>('/api/v1/reports/phone-usage');
    expect(usage.status).toBe(200);
    const month = usage.body.months.at(-1)!;
    expect(usage.body.configured).toBe(true);
    expect(month.callMinutes).toBeGreaterThanOrEqual(2);
    expect(month.smsSegments).toBeGreaterThanOrEqual(2);
    // Costs are for managers: a responder is refused.
    const dan = await login(relay.url, 'dan', 'change-me-dan');
    expect((await api('/api/v1/reports/phone-usage', dan)).status).toBe(403);
    expect((await api('/api/v1/reports/phone-usage?from=2026-13', ann)).status).toBe(400);
  });

  maybe('a machine or no answer counts as unanswered: the page stays unread and the escalation goes on', async () => {
    const id = await trigger('voice-machine-1');
    const call = await fake.waitForCall((c) => c.to === BOB && c.url.includes(`/twilio/voice/${id}`));
    const [script] = await fake.answerCall(call, { answeredBy: 'machine_start', durationSeconds: 20 });
    expect(script).toContain('<Hangup/>');
    expect(script).not.toContain('voice-machine-1');
    const missed = await fake.missCall(call, 'no-answer');
    expect(missed.status).toBe(200);
    expect(JSON.parse(missed.text)).toMatchObject({ ok: true, unanswered: true });
    const state = await incidentOf(id);
    expect(state.pages.find((p) => p.channel === 'voice')!.state).not.toBe('read');
    expect(state.incident.escalation).toBe('running');
    expect(state.incident.status).toBe('triggered');
  });

  maybe('an SMS the carrier could not deliver fails its page on the record, once; the call still rings', async () => {
    const id = await trigger('sms-undelivered-1');
    const sms = await fake.waitForMessage((m) => m.to === BOB && m.body.includes('sms-undelivered-1'));
    await until(async () => (await incidentOf(id)).pages.find((p) => p.channel === 'sms' && p.state === 'sent'));
    const answer = await fake.reportMessage(sms, 'undelivered', '30003');
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toMatchObject({ ok: true, undelivered: 'SMS not delivered (undelivered, error 30003)' });
    // The same report again (providers retry callbacks) records nothing more.
    expect((await fake.reportMessage(sms, 'undelivered', '30003')).status).toBe(200);

    const state = await incidentOf(id);
    expect(state.pages.find((p) => p.channel === 'sms')).toMatchObject({ state: 'failed', error: 'SMS not delivered (undelivered, error 30003)' });
    expect(state.pages.find((p) => p.channel === 'voice')!.state).not.toBe('failed');
    const { body } = await api<{ timeline: { type: string; data: Record<string, unknown> }[] }>(`/api/v1/incidents/${id}`);
    expect(body.timeline.filter((e) => e.type === 'page.failed').map((e) => e.data)).toEqual([
      expect.objectContaining({ userId: 'bob', channel: 'sms', error: 'SMS not delivered (undelivered, error 30003)' }),
    ]);
    // Bob's call is still a way to reach him: the escalation goes on.
    expect(state.incident.escalation).toBe('running');
    // A malformed error code is refused, naming the field.
    const bad = await fake.reportMessage(sms, 'failed', 'x; drop');
    expect(bad.status).toBe(400);
    expect(bad.text).toContain('ErrorCode');
  });

  maybe('refuses a forged callback (403) and changes nothing', async () => {
    const forged = await fake.callback(smsUrl(), { From: BOB, Body: '2' }, 'bm90LWEtc2lnbmF0dXJl');
    expect(forged.status).toBe(403);
    const unsigned = await fetch(smsUrl(), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `From=${encodeURIComponent(BOB)}&Body=2` });
    expect(unsigned.status).toBe(403);
    // A signature made for other parameters does not cover these.
    const { default: twilio } = await import('twilio');
    const other = twilio.getExpectedTwilioSignature(fake.authToken, smsUrl(), { From: BOB, Body: '1' });
    expect((await fake.callback(smsUrl(), { From: BOB, Body: '2' }, other)).status).toBe(403);
    const status = await fake.callback(`${relay.url}/twilio/status/voice`, { CallSid: `CA${'0'.repeat(32)}`, CallStatus: 'completed' }, 'x');
    expect(status.status).toBe(403);
  });

  maybe('answers an unknown sender and an unreadable reply clearly, changing nothing', async () => {
    const stranger = await fake.sendSms(smsUrl(), '+14155550199', '2');
    expect(stranger.text).toContain('Klaxon does not know this number, so nothing was changed.');
    const garbled = await fake.sendSms(smsUrl(), BOB, 'yes please');
    expect(garbled.text).toMatch(/did not understand that.*Nothing was changed/);
    const huge = await fake.callback(smsUrl(), { From: BOB, Body: 'x'.repeat(2000) });
    expect(huge.status).toBe(400);
    expect(JSON.parse(huge.text)).toMatchObject({ field: 'Body' });
  });

  maybe('"3" passes the page on; the next level gets only the redacted text of a confidential incident', async () => {
    const id = await trigger('sms-secret-1', 'Exfiltration from payroll server PAY-01');
    const first = await fake.waitForMessage((m) => m.to === BOB && m.body.includes('PAY-01'));
    expect((await api(`/api/v1/incidents/${id}/confidential`, ann, { method: 'POST', body: { confidential: true } })).status).toBe(200);
    const page = await until(async () => (await incidentOf(id)).pages.find((p) => p.channel === 'sms' && p.userId === 'bob' && p.state === 'sent'));
    const reply = await fake.sendSms(smsUrl(), BOB, `3 ${pageCode(page.id)}`);
    expect(reply.text).toContain('passed on to the next responder');
    const toCara = await fake.waitForMessage((m) => m.to === CARA && m.sid !== first.sid);
    expect(toCara.body).toContain('Confidential incident on RMM alerts');
    expect(toCara.body).not.toMatch(/PAY-01|payroll|Exfiltration/i);
  });

  maybe('validates phone numbers at the boundary (E.164) and sends test pages on both channels', async () => {
    const bob = await login(relay.url, 'bob', 'change-me-bob');
    const bad = await api<{ error: string; field: string }>('/api/v1/me/notifications', bob, {
      method: 'PUT',
      body: { rules: [{ channel: 'sms', after: 0 }], contacts: { phone: { number: '555-not-a-number' } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.field).toBe('contacts.phone.number');
    // E.164-shaped, but no numbering plan has it (a US area code starting with 0): the relay's own check.
    const unplanned = await api<{ error: string; field: string }>('/api/v1/me/notifications', bob, {
      method: 'PUT',
      body: { rules: [{ channel: 'sms', after: 0 }], contacts: { phone: { number: '+1 015 555 0101' } } },
    });
    expect(unplanned).toEqual({ status: 400, body: { error: expect.stringMatching(/^contacts\.phone\.number: use a valid phone number/), field: 'contacts.phone.number' } });

    const saved = await api<{ contacts: { phone: { number: string } } }>('/api/v1/me/notifications', bob, {
      method: 'PUT',
      body: { rules: [{ channel: 'sms', after: 0 }, { channel: 'voice', after: 0 }], contacts: { phone: { number: '00 1 415 555 0101', maxPerHour: 5 } } },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.contacts.phone).toEqual({ number: BOB, maxPerHour: 5 });

    const sent = fake.messages.length;
    const test = await api<{ results: { channel: string; ok: boolean; detail: string }[] }>('/api/v1/me/test-page', bob, { method: 'POST', body: { channel: 'voice' } });
    expect(test.body.results).toEqual([{ channel: 'voice', ok: true, detail: 'accepted by voice' }]);
    const call = fake.calls.at(-1)!;
    const [script] = await fake.answerCall(call, {});
    expect(script).toContain('This is a Klaxon test call');
    const smsTest = await api<{ results: { channel: string; ok: boolean }[] }>('/api/v1/me/test-page', bob, { method: 'POST', body: { channel: 'sms' } });
    expect(smsTest.body.results).toEqual([{ channel: 'sms', ok: true, detail: 'accepted by sms' }]);
    expect(fake.messages.length).toBe(sent + 1);
  });
});
