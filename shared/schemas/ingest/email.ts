import { z } from 'zod';

/**
 * An e-mail as the SMTP transport hands it to intake after parsing the message: the subject, the
 * plain-text body, the sender and the threading headers.
 */
export const InboundEmailSchema = z.object({
  subject: z.string().default(''),
  text: z.string().default(''),
  /** The sender, as an address or "Name <address>". */
  from: z.string().min(1),
  messageId: z.string().optional(),
  /** The References header: message ids, oldest (the thread root) first. */
  references: z.union([z.string(), z.array(z.string())]).optional(),
  inReplyTo: z.string().optional(),
  /** When the message says it was written, if it says. */
  date: z.iso.datetime({ offset: true }).optional(),
});
export type InboundEmail = z.infer<typeof InboundEmailSchema>;
