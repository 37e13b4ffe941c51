import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { InboundEmail } from '../../../shared/schemas/ingest/email.js';
import { compilePattern } from '../../../shared/schemas/pattern.js';
import type { Severity } from '../../../shared/schemas/priority.js';
import { clip, firstText } from './alert-fields.js';
import { fitDedupKey, stableDedupKey } from './dedup-key.js';

/** An e-mail for intake, with its integration's `dedupPattern` when it has one. */
export type EmailAlertSource = Omit<InboundEmail, 'subject' | 'text'> & {
  subject?: string | undefined;
  text?: string | undefined;
  dedupPattern?: string | undefined;
};

const CRITICAL_WORDS = /\b(?:critical|down|fail(?:s|ed|ing|ure)?|outage|emergency)\b/i;
const ERROR_WORDS = /\berrors?\b/i;

/**
 * Infers a severity from a subject's words, ignoring case: critical, down, fail (fails, failed,
 * failing, failure), outage or emergency → critical; error(s) → error; anything else → warning.
 */
export function severityFromSubject(subject: string): Severity {
  if (CRITICAL_WORDS.test(subject)) return 'critical';
  if (ERROR_WORDS.test(subject)) return 'error';
  return 'warning';
}

/** Reads the address out of a sender such as "Nagios <nagios@example.com>" (or returns it as given). */
export function senderAddress(from: string): string {
  return (/<([^<>]+)>\s*$/.exec(from)?.[1] ?? from).trim();
}

// Message ids without their angle brackets, so a Message-ID and a later reference to it compare equal.
function messageIds(header: string | readonly string[] | undefined): string[] {
  const text = typeof header === 'string' ? header : (header ?? []).join(' ');
  return (text.match(/<[^<>]+>|[^\s<>,]+/g) ?? []).map((id) => id.replace(/^<|>$/g, '').trim()).filter(Boolean);
}

/**
 * The dedup key of a mail: the first capture group (or the whole match) of `dedupPattern` in the
 * subject when it matches; else the thread root — the first References id, else In-Reply-To, else
 * the mail's own Message-ID — so replies fold into the incident their thread opened; else a stable
 * hash of sender and subject.
 */
export function emailDedupKey(mail: EmailAlertSource, subject: string): string {
  const pattern = mail.dedupPattern === undefined ? undefined : compilePattern(mail.dedupPattern);
  const match = pattern?.exec(subject);
  const fromSubject = match ? fitDedupKey(match[1] ?? match[0], 'mail') : undefined;
  if (fromSubject !== undefined) return fromSubject;
  const root = [...messageIds(mail.references), ...messageIds(mail.inReplyTo), ...messageIds(mail.messageId)][0];
  return fitDedupKey(root, 'mail') ?? stableDedupKey('mail', { from: senderAddress(mail.from), subject });
}

/**
 * Turns an e-mail into a trigger alert: summary the subject (spaces folded, at most 1024
 * characters), subject kept for priority rules, source the sender's address, severity from the
 * subject's words (`severityFromSubject`), dedup key from `emailDedupKey`, and the mail itself as
 * the payload.
 */
export function fromEmail(mail: EmailAlertSource): AlertInput[] {
  const subject = (mail.subject ?? '').replace(/\s+/g, ' ').trim();
  const source = senderAddress(mail.from);
  return [
    {
      action: 'trigger',
      dedupKey: emailDedupKey(mail, subject),
      summary: clip(firstText(subject) ?? `(no subject) from ${source}`, 1024),
      severity: severityFromSubject(subject),
      source: clip(source, 1024),
      labels: {},
      subject,
      links: [],
      ...(mail.date === undefined ? {} : { occurredAt: mail.date }),
      payload: {
        from: mail.from,
        subject: mail.subject ?? '',
        text: mail.text ?? '',
        messageId: mail.messageId,
        references: mail.references,
        inReplyTo: mail.inReplyTo,
        date: mail.date,
      },
    },
  ];
}
