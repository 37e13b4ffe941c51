import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeIncident, makePage } from '../../adapters/store/contract/fixtures.js';
import { createStore } from '../../adapters/store/create-store.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import type { Store } from '../ports/store.js';
import { createContactSender } from '../push/contact-sender.js';
import { createSendsInFlight } from '../push/sends-in-flight.js';
import type { SendResult } from '../ports/notifier.js';
import { createPhoneUsage, monthsBetween } from './phone-usage.js';

const CALL = `CA${'1'.repeat(32)}`;
const SMS = `SM${'2'.repeat(32)}`;
let store: Store;
let clock: ManualClock;
let usage: ReturnType<typeof createPhoneUsage>;
let pageId: string;

beforeEach(async () => {
  store = await createStore(':memory:');
  clock = createManualClock(new Date('2026-03-15T12:00:00Z'));
  usage = createPhoneUsage({ store, clock, configured: true });
  const incident = await store.insertIncident(makeIncident());
  const page = makePage(incident.id, 0, { channel: 'voice', state: 'sent' });
  await store.insertPage(page);
  pageId = page.id;
  await store.insertPageReceipt({ receipt: CALL, pageId, channel: 'voice', createdAt: clock.now() });
  await store.insertPageReceipt({ receipt: SMS, pageId, channel: 'sms', createdAt: clock.now() });
});
afterEach(() => store.close());

describe('a status callback that overtakes the send', () => {
  it('waits for the sends in flight and then finds the page, instead of answering that none was sent', async () => {
    const inFlight = createSendsInFlight();
    const racing = createPhoneUsage({ store, clock, configured: true, inFlight });
    let answer!: (result: SendResult) => void;
    const sender = createContactSender({
      channel: 'voice',
      notifier: () => ({ send: () => new Promise<SendResult>((resolve) => (answer = resolve)) }) as never,
      store: { getContacts: async () => ({ phone: { number: '+14155550101' } }), insertPageReceipt: (receipt) => store.insertPageReceipt(receipt) },
      message: async () => ({ title: 't', body: 'b' }) as never,
      clock,
      inFlight,
    });
    const incident = await store.insertIncident(makeIncident({}, 7));
    const page = makePage(incident.id, 1, { channel: 'voice', state: 'queued' });
    await store.insertPage(page);
    const sid = `CA${'3'.repeat(32)}`;
    const sent = sender(page, incident, { id: 'bob' } as never, 1);
    await new Promise((resolve) => setImmediate(resolve));
    // The provider placed the call and reports it failed before its answer to the send came back.
    let outcome: unknown;
    const callback = racing.fromStatus({ channel: 'voice', sid, status: 'failed', errorCode: '13224' }).then((o) => (outcome = o));
    await new Promise((resolve) => setImmediate(resolve));
    expect(outcome).toBeUndefined();
    answer({ ok: true, receipt: sid });
    expect(await sent).toEqual({ status: 'sent' });
    await callback;
    expect(outcome).toEqual({ found: true, pageId: page.id, unanswered: true, undelivered: 'call could not be placed (failed, error 13224)' });
  });
});

describe('call outcomes', () => {
  it('counts voicemail, no answer, busy, failed and cancelled calls as unanswered, a person as answered', async () => {
    const outcome = (status: string, answeredBy?: string) =>
      usage.fromStatus({ channel: 'voice', sid: CALL, status, ...(answeredBy ? { answeredBy } : {}) }).then((o) => o.found && o.unanswered);
    expect(await outcome('completed', 'machine_start')).toBe(true);
    expect(await outcome('completed', 'machine_end_beep')).toBe(true);
    expect(await outcome('completed', 'fax')).toBe(true);
    expect(await outcome('no-answer')).toBe(true);
    expect(await outcome('busy')).toBe(true);
    expect(await outcome('failed')).toBe(true);
    expect(await outcome('canceled')).toBe(true);
    expect(await outcome('completed', 'human')).toBe(false);
    expect(await outcome('completed')).toBe(false);
    // A call that could not be placed never rang: undelivered. One nobody took did ring: not.
    expect(await usage.fromStatus({ channel: 'voice', sid: CALL, status: 'failed', errorCode: '13224' })).toMatchObject({ undelivered: 'call could not be placed (failed, error 13224)' });
    expect(await usage.fromStatus({ channel: 'voice', sid: CALL, status: 'no-answer' })).not.toHaveProperty('undelivered');
    // An unanswered call changes nothing on the page: it stays unread, so it repeats and escalates.
    expect((await store.getPage(pageId))?.state).toBe('sent');
  });

  it('tells SMS failures as undelivered, with the error code, and finds the page by the SID of the right channel only', async () => {
    expect(await usage.fromStatus({ channel: 'sms', sid: SMS, status: 'undelivered', errorCode: '30003' })).toEqual({
      found: true,
      pageId,
      unanswered: true,
      undelivered: 'SMS not delivered (undelivered, error 30003)',
    });
    expect(await usage.fromStatus({ channel: 'sms', sid: SMS, status: 'failed' })).toMatchObject({ undelivered: 'SMS not delivered (failed)' });
    expect(await usage.fromStatus({ channel: 'sms', sid: SMS, status: 'delivered' })).toEqual({ found: true, pageId, unanswered: false });
    expect(await usage.fromStatus({ channel: 'sms', sid: CALL, status: 'delivered' })).toEqual({ found: false });
    expect(await usage.fromStatus({ channel: 'voice', sid: `CA${'9'.repeat(32)}`, status: 'completed' })).toEqual({ found: false });
  });
});

describe('usage counts and the monthly report', () => {
  it('bills every started call minute and every SMS part in the month they happened', async () => {
    await usage.fromStatus({ channel: 'voice', sid: CALL, status: 'completed', answeredBy: 'human', durationSeconds: 61 });
    await usage.fromStatus({ channel: 'voice', sid: CALL, status: 'no-answer', durationSeconds: 0 });
    await usage.smsSent(2);
    clock.set(new Date('2026-04-01T00:00:00Z'));
    await usage.smsSent(1);
    await usage.fromStatus({ channel: 'voice', sid: CALL, status: 'completed', durationSeconds: 30 });
    // A status for an unknown SID counts nothing.
    await usage.fromStatus({ channel: 'voice', sid: `CA${'9'.repeat(32)}`, status: 'completed', durationSeconds: 600 });

    expect(await usage.report({ from: '2026-02', to: '2026-04' })).toEqual({
      configured: true,
      months: [
        { month: '2026-02', smsSegments: 0, callMinutes: 0 },
        { month: '2026-03', smsSegments: 2, callMinutes: 2 },
        { month: '2026-04', smsSegments: 1, callMinutes: 1 },
      ],
    });
  });

  it('answers six months ending with this one by default, across a year end', async () => {
    clock.set(new Date('2027-02-10T00:00:00Z'));
    const report = await usage.report({});
    expect(report.months.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsBetween('2026-11', '2027-01')).toEqual(['2026-11', '2026-12', '2027-01']);
    expect(monthsBetween('2026-05', '2026-04')).toEqual([]);
  });
});
