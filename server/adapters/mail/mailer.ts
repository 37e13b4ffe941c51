import nodemailer from 'nodemailer';
import { headerText } from './header-text.js';

/** One outgoing e-mail. */
export interface MailMessage {
  to: string[];
  subject: string;
  text: string;
}

/** Sends e-mail (pages and failover reports). */
export interface Mailer {
  /** Whether an outbound server is configured; without one every send fails with a clear error. */
  readonly configured: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/**
 * Creates the mailer for `KLAXON_MAIL_URL` (e.g. `smtp://user:pass@mail.example.com:587`); without a
 * URL it is a mailer that refuses every send, naming the missing setting.
 */
export function createMailer(url: string | undefined, from = 'Klaxon <klaxon@localhost>'): Mailer {
  if (!url) {
    return {
      configured: false,
      send: async () => {
        throw new Error('no outbound mail server: set KLAXON_MAIL_URL');
      },
      close: () => {},
    };
  }
  const transport = nodemailer.createTransport(url);
  return {
    configured: true,
    async send(message) {
      try {
        // Subjects carry alert text from outside (summaries): no control character may reach the header.
        await transport.sendMail({ from: headerText(from), to: message.to, subject: headerText(message.subject), text: message.text });
      } catch (error) {
        throw new Error(`sending mail to ${message.to.join(', ')} failed`, { cause: error });
      }
    },
    close: () => transport.close(),
  };
}
