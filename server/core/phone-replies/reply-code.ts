/** What a person can answer a page with by SMS or keypress. */
export type PhoneReplyAction = 'read' | 'acknowledge' | 'decline';

/** A reply read from an SMS: the action, and the page's code when the person gave one. */
export interface SmsReply {
  action: PhoneReplyAction;
  code?: string;
}

/** The digits people type: 1 read, 2 acknowledge, 3 "I can't take it" (SMS) / escalate (voice). */
const ACTION_OF_DIGIT: Record<string, PhoneReplyAction> = { '1': 'read', '2': 'acknowledge', '3': 'decline' };

/**
 * The short code an SMS page carries so that a reply can name the page when several are open: four
 * digits from an FNV-1a hash of the page id (the same page always gets the same code; two open pages
 * of one person sharing a code is rare, and the newest of them is then taken).
 */
export function pageCode(pageId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < pageId.length; i++) {
    hash ^= pageId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return String(hash % 10_000).padStart(4, '0');
}

/**
 * Reads an SMS reply: `1`, `2` or `3`, optionally followed by the page's four-digit code (`2 4821`,
 * `2 #4821`, `2-4821`); anything else is undefined. Spaces and case do not matter; words do.
 */
export function parseSmsReply(text: string): SmsReply | undefined {
  const match = /^\s*([123])(?:[\s#:,.-]*(\d{4}))?\s*[.!]?\s*$/.exec(text.slice(0, 200));
  if (!match) return undefined;
  const action = ACTION_OF_DIGIT[match[1]!]!;
  return match[2] ? { action, code: match[2] } : { action };
}

/** Reads the key pressed during a call: 1, 2 or 3, else undefined. */
export function voiceKeyAction(digits: string): PhoneReplyAction | undefined {
  return ACTION_OF_DIGIT[digits.trim()];
}

/** Tells whether a call's outcome means nobody took it: no answer, busy, failed, or a machine answered. */
export function isUnansweredCall(status: string, answeredBy: string | undefined): boolean {
  if (answeredBy && /^(machine|fax)/.test(answeredBy)) return true;
  return status === 'no-answer' || status === 'busy' || status === 'failed' || status === 'canceled';
}

/** Whole call minutes as billed: every started minute counts; a call that never connected is 0. */
export function billedMinutes(durationSeconds: number): number {
  return Number.isFinite(durationSeconds) && durationSeconds > 0 ? Math.ceil(durationSeconds / 60) : 0;
}
