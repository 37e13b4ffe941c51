import type { PhoneUsageMonth, PhoneUsageQuery, PhoneUsageReport } from '../../../shared/schemas/phone-usage.js';
import { billedMinutes, isUnansweredCall } from '../../core/phone-replies/reply-code.js';
import type { Clock } from '../ports/clock.js';
import type { PhoneUsageKind } from '../ports/phone-usage-store.js';
import type { Store } from '../ports/store.js';
import type { SendsInFlight } from '../push/sends-in-flight.js';

/** A delivery-status callback as the provider sends it (form fields already read). */
export interface PhoneStatus {
  channel: 'sms' | 'voice';
  sid: string;
  /** `MessageStatus` (queued, sent, delivered, undelivered, failed) or `CallStatus` (completed, no-answer, busy, failed, canceled). */
  status: string;
  /** `AnsweredBy` of a call with machine detection: human, machine_start, fax, unknown… */
  answeredBy?: string;
  /** `CallDuration` of a finished call, in seconds. */
  durationSeconds?: number;
  /** `ErrorCode` of a failed or undelivered message or call (Twilio's numbered error). */
  errorCode?: string;
}

/**
 * What a status callback changed: whether its page was found, whether the person was reached, and
 * why the page never reached their phone when the provider says so (`undelivered`).
 */
export type PhoneStatusOutcome = { found: false } | { found: true; pageId: string; unanswered: boolean; undelivered?: string };

/**
 * Why a message or call never reached the phone, when its status says so: an SMS the carrier failed
 * or could not deliver, a call that could not be placed. A call nobody took is not that (it rang).
 */
export function undeliveredReason(status: PhoneStatus): string | undefined {
  const code = status.errorCode ? `, error ${status.errorCode}` : '';
  if (status.channel === 'sms' && (status.status === 'failed' || status.status === 'undelivered')) return `SMS not delivered (${status.status}${code})`;
  if (status.channel === 'voice' && status.status === 'failed') return `call could not be placed (failed${code})`;
  return undefined;
}

/** The UTC month of an instant, `YYYY-MM`. */
export function monthOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

/** The months from `from` to `to`, both inclusive. */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (let i = 0; i < 1200; i++) {
    const text = `${year}-${String(month).padStart(2, '0')}`;
    if (text > to) break;
    months.push(text);
    if (++month > 12) [year, month] = [year + 1, 1];
  }
  return months;
}

/**
 * Creates the SMS/voice usage records: counts what each send and call spent (per UTC month), reads
 * delivery-status callbacks (a call no one took — no answer, busy, a machine — leaves the page unread,
 * so the escalation repeats and moves on as for any ringing channel; a message or call that never
 * reached the phone is told as `undelivered`) and answers the monthly report. A callback about a
 * message whose receipt is not written yet waits for the sends in flight (`inFlight`) first.
 */
export function createPhoneUsage(deps: { store: Store; clock: Clock; configured: boolean; inFlight?: SendsInFlight }) {
  const add = (kind: PhoneUsageKind, amount: number) =>
    amount > 0 ? deps.store.addPhoneUsage(monthOf(deps.clock.now()), kind, amount) : Promise.resolve();

  return {
    /** Counts the segments of a sent SMS. */
    smsSent: (segments: number) => add('sms', segments),

    /** Reads a status callback: counts a finished call's minutes, and tells whether the person was reached. */
    async fromStatus(status: PhoneStatus): Promise<PhoneStatusOutcome> {
      let receipt = await deps.store.findPageReceipt(status.sid);
      // The callback may overtake the send's answer (a call failing at once): wait for the sends in flight.
      if (!receipt && deps.inFlight) {
        await deps.inFlight.settled();
        receipt = await deps.store.findPageReceipt(status.sid);
      }
      if (!receipt || receipt.channel !== status.channel) return { found: false };
      if (status.channel === 'voice' && status.durationSeconds !== undefined) await add('voice', billedMinutes(status.durationSeconds));
      const unanswered = status.channel === 'voice' ? isUnansweredCall(status.status, status.answeredBy) : status.status === 'failed' || status.status === 'undelivered';
      const undelivered = undeliveredReason(status);
      return { found: true, pageId: receipt.pageId, unanswered, ...(undelivered ? { undelivered } : {}) };
    },

    /** The months of the query (the last six up to this one by default), each with its SMS segments and call minutes. */
    async report(query: PhoneUsageQuery): Promise<PhoneUsageReport> {
      const now = deps.clock.now();
      const to = query.to ?? monthOf(now);
      const from = query.from ?? monthOf(new Date(Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 6, 1)));
      const rows = await deps.store.listPhoneUsage(from, to);
      const months: PhoneUsageMonth[] = monthsBetween(from, to).map((month) => ({
        month,
        smsSegments: rows.find((r) => r.month === month && r.kind === 'sms')?.amount ?? 0,
        callMinutes: rows.find((r) => r.month === month && r.kind === 'voice')?.amount ?? 0,
      }));
      return { configured: deps.configured, months };
    },
  };
}

/** The usage records, as `createPhoneUsage` builds them. */
export type PhoneUsage = ReturnType<typeof createPhoneUsage>;
