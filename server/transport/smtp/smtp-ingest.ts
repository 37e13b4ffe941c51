import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { InboundEmailSchema } from '../../../shared/schemas/ingest/email.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Metrics } from '../../adapters/metrics/create-metrics.js';
import type { IntakeService } from '../../app/intake/intake-service.js';
import type { IntegrationRecord } from '../../app/ports/store.js';
import { fromEmail } from '../../core/intake/from-email.js';

/** What the SMTP ingest needs. */
export interface SmtpIngestDeps {
  intake: IntakeService;
  metrics: Metrics;
  log: Log;
  /** The largest message accepted; larger ones get 552. */
  maxBytes: number;
  /** PEM files for STARTTLS; without them the server speaks plain SMTP only. */
  tls?: { keyFile: string; certFile: string };
}

/** An SMTP error with the reply code the client must see. */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

const count = (metrics: Metrics, outcome: string) => metrics.alertsReceived.inc({ integration: 'email', outcome });

/**
 * The e-mail ingest: mail to `<key>@anything` becomes an alert on the e-mail integration with that
 * key. Unknown keys are refused at RCPT time (550), oversized messages get 552, and the final 250 is
 * sent only after the alert is committed (a failure answers 451 so the sending server retries).
 */
export function createSmtpIngest(deps: SmtpIngestDeps) {
  const recipients = new WeakMap<SMTPServerSession, IntegrationRecord[]>();
  const server = new SMTPServer({
    name: 'klaxon',
    banner: 'Klaxon alert intake',
    size: deps.maxBytes,
    authOptional: true,
    disabledCommands: ['AUTH', ...(deps.tls ? [] : ['STARTTLS'])],
    ...(deps.tls ? { key: readFileSync(deps.tls.keyFile), cert: readFileSync(deps.tls.certFile) } : {}),
    logger: false,
    // At shutdown, sessions still open after this long are cut.
    closeTimeout: 5_000,
    onRcptTo(address, session, callback) {
      const key = address.address.split('@')[0] ?? '';
      deps.intake
        .findIntegration('email', key)
        .then((integration) => {
          if (!integration) {
            count(deps.metrics, 'unauthorised');
            return callback(smtpError(550, `5.1.1 <${address.address}>: no e-mail integration has this key`));
          }
          recipients.set(session, [...(recipients.get(session) ?? []), integration]);
          callback();
        })
        .catch((error: unknown) => {
          deps.log.error({ err: error }, 'smtp rcpt lookup failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      receive(stream, recipients.get(session) ?? [])
        .then(() => callback())
        .catch((error: Error & { responseCode?: number }) => {
          if (!error.responseCode) deps.log.error({ err: error }, 'smtp ingest failed');
          callback(error.responseCode ? error : smtpError(451, '4.3.0 the alert was not stored; try again later'));
        });
    },
  });

  async function receive(stream: SMTPServerDataStream, integrations: IntegrationRecord[]): Promise<void> {
    // Loaded with the first message, not at start-up (it is the heaviest module the relay uses).
    const { simpleParser } = await import('mailparser');
    const parsed = await simpleParser(stream);
    if (stream.sizeExceeded) {
      count(deps.metrics, 'too_large');
      throw smtpError(552, `5.3.4 message larger than ${deps.maxBytes} bytes`);
    }
    const references = parsed.references;
    const mail = InboundEmailSchema.safeParse({
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      from: parsed.from?.text || 'unknown sender',
      messageId: parsed.messageId,
      references,
      inReplyTo: parsed.inReplyTo,
      date: parsed.date && !Number.isNaN(parsed.date.getTime()) ? parsed.date.toISOString() : undefined,
    });
    if (!mail.success) {
      count(deps.metrics, 'invalid');
      throw smtpError(550, `5.6.0 the message could not be read: ${mail.error.issues[0]?.message ?? 'invalid'}`);
    }
    for (const integration of integrations) {
      const admitted = deps.intake.admit(integration);
      if (!admitted.allowed) {
        count(deps.metrics, 'rate_limited');
        throw smtpError(452, `4.5.3 too many messages for this key; retry in ${admitted.retryAfterSeconds}s`);
      }
      const alerts = fromEmail({ ...mail.data, dedupPattern: integration.settings.dedupPattern });
      await deps.intake.ingest(integration, alerts);
      count(deps.metrics, 'accepted');
    }
  }

  return {
    /** Starts listening; resolves with the port (useful with port 0). */
    listen(port: number, host: string): Promise<number> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          const address = server.server.address();
          resolve(typeof address === 'object' && address ? address.port : port);
        });
      });
    },
    /** Stops taking mail and waits for open sessions to end. */
    close(): Promise<void> {
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The SMTP ingest, as `createSmtpIngest` builds it. */
export type SmtpIngest = ReturnType<typeof createSmtpIngest>;
