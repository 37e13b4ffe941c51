import { finished } from 'node:stream/promises';
import type { SMTPServerDataStream } from 'smtp-server';
import { type InboundEmail, InboundEmailSchema } from '../../../shared/schemas/ingest/email.js';
import { smtpError } from './smtp-reply.js';

/** The largest header section of a message read; larger ones are refused as unreadable (554). */
export const MAX_HEADER_BYTES = 64 * 1024;

/**
 * Reads one message of the DATA phase into the e-mail intake's shape. Every refusal here is
 * permanent, because sending the same bytes again cannot succeed: a message over `maxBytes` gets 552,
 * a header section over `MAX_HEADER_BYTES` or a message the parser cannot read gets 554. The stream
 * is always read to its end (or its abort), so the session can answer and go on with the next message.
 */
export async function readMessage(stream: SMTPServerDataStream, maxBytes: number): Promise<InboundEmail> {
  // Loaded with the first message, not at start-up (it is the heaviest module the relay uses).
  const { simpleParser } = await import('mailparser');
  let parsed: Awaited<ReturnType<typeof simpleParser>> | undefined;
  let failure: unknown;
  try {
    parsed = await simpleParser(stream, { maxHeadSize: MAX_HEADER_BYTES });
  } catch (error) {
    failure = error;
    // The parser stopped reading; drain the rest so smtp-server sees the end of DATA and can reply.
    stream.resume();
    await finished(stream).catch(() => undefined);
  }
  if (stream.sizeExceeded) throw smtpError(552, `5.3.4 message larger than ${maxBytes} bytes`);
  if (!parsed) {
    const why = /head/i.test(String((failure as Error | undefined)?.message)) ? `a header section over ${MAX_HEADER_BYTES} bytes` : 'it cannot be parsed';
    throw smtpError(554, `5.6.0 the message could not be read: ${why}`);
  }
  const mail = InboundEmailSchema.safeParse({
    subject: parsed.subject ?? '',
    text: parsed.text ?? '',
    from: parsed.from?.text || 'unknown sender',
    messageId: parsed.messageId,
    references: parsed.references,
    inReplyTo: parsed.inReplyTo,
    date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined,
  });
  if (!mail.success) {
    const issue = mail.error.issues[0];
    throw smtpError(554, `5.6.0 the message could not be read: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`);
  }
  return mail.data;
}
