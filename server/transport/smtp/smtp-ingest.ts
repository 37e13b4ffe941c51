import { readFileSync } from 'node:fs';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { InboundEmail } from '../../../shared/schemas/ingest/email.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Metrics } from '../../adapters/metrics/create-metrics.js';
import { refusalText } from '../../app/intake/admission.js';
import type { IntakeService } from '../../app/intake/intake-service.js';
import type { Clock } from '../../app/ports/clock.js';
import type { IntegrationRecord } from '../../app/ports/store.js';
import { fromEmail } from '../../core/intake/from-email.js';
import type { GuessingRule } from '../../core/intake/recipient-guessing.js';
import { readMessage } from './read-message.js';
import { createRecipientGuard } from './recipient-guard.js';
import { isSmtpReplyError, smtpError } from './smtp-reply.js';

/** What the SMTP ingest needs. */
export interface SmtpIngestDeps {
  intake: IntakeService;
  metrics: Metrics;
  log: Log;
  /** Counts unknown recipients per peer over time. */
  clock: Clock;
  /** The largest message accepted; larger ones get 552. */
  maxBytes: number;
  /** PEM files for STARTTLS; without them the server speaks plain SMTP only. */
  tls?: { keyFile: string; certFile: string };
  /** When a peer guessing recipients is turned away (default: 10 unknown in 10 minutes). */
  guessing?: GuessingRule;
}

const count = (metrics: Metrics, outcome: string) => metrics.alertsReceived.inc({ integration: 'email', outcome });

/**
 * The e-mail ingest: mail to `<key>@anything` becomes an alert on the e-mail integration with that
 * key. Unknown keys are refused at RCPT time (550); a peer that names 10 unknown keys within 10
 * minutes gets 421 and is cut off until the window passes. The recipients belong to one message
 * (MAIL FROM and RSET clear them; one key named twice is one delivery). Permanent problems get 5xx
 * (552 oversized, 554 unreadable); only a transient one (the store failed) gets 4xx (451), and the
 * final 250 is sent only after the alert is committed. A client that resets or vanishes never ends
 * the process: the server's `error` event has a listener for as long as it lives.
 */
export function createSmtpIngest(deps: SmtpIngestDeps) {
  // The integrations of the message in progress, by id: a key named twice is delivered once.
  const recipients = new WeakMap<SMTPServerSession, Map<string, IntegrationRecord>>();
  const guard = createRecipientGuard(deps.clock, deps.guessing);
  const turnedAway = (retryAfterSeconds: number) =>
    smtpError(421, `4.7.0 too many unknown recipients from your address; try again in ${retryAfterSeconds}s`);

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
    onConnect(session, callback) {
      const verdict = guard.verdict(session.remoteAddress);
      callback(verdict.throttled ? turnedAway(verdict.retryAfterSeconds) : undefined);
    },
    onMailFrom(_address, session, callback) {
      // A new envelope (after RSET, EHLO or a finished message, smtp-server asks for MAIL FROM again).
      recipients.set(session, new Map());
      callback();
    },
    onRcptTo(address, session, callback) {
      const verdict = guard.verdict(session.remoteAddress);
      if (verdict.throttled) {
        count(deps.metrics, 'unauthorised');
        return callback(turnedAway(verdict.retryAfterSeconds));
      }
      const key = address.address.split('@')[0] ?? '';
      deps.intake
        .findIntegration('email', key)
        .then((integration) => {
          if (!integration) {
            count(deps.metrics, 'unauthorised');
            guard.miss(session.remoteAddress);
            return callback(smtpError(550, `5.1.1 <${address.address}>: no e-mail integration has this key`));
          }
          const envelope = recipients.get(session) ?? new Map<string, IntegrationRecord>();
          envelope.set(integration.id, integration);
          recipients.set(session, envelope);
          callback();
        })
        .catch((error: unknown) => {
          deps.log.error({ err: error }, 'smtp rcpt lookup failed');
          callback(smtpError(451, '4.3.0 temporary failure, try again later'));
        });
    },
    onData(stream: SMTPServerDataStream, session, callback) {
      const integrations = [...(recipients.get(session)?.values() ?? [])];
      recipients.delete(session);
      receive(stream, integrations)
        .then(() => callback())
        .catch((error: unknown) => {
          if (isSmtpReplyError(error)) return callback(error);
          deps.log.error({ err: error }, 'smtp ingest failed');
          callback(smtpError(451, '4.3.0 the alert was not stored; try again later'));
        });
    },
  });
  // For the life of the server: a peer that resets or vanishes mid-transaction is reported here, and
  // an 'error' event without a listener would end the process.
  server.on('error', (error: NodeJS.ErrnoException & { remoteAddress?: string }) => {
    deps.log.warn({ code: error.code, peer: error.remoteAddress }, 'smtp connection failed');
  });

  async function receive(stream: SMTPServerDataStream, integrations: IntegrationRecord[]): Promise<void> {
    let mail: InboundEmail;
    try {
      mail = await readMessage(stream, deps.maxBytes);
    } catch (error) {
      if (isSmtpReplyError(error)) count(deps.metrics, error.responseCode === 552 ? 'too_large' : 'invalid');
      throw error;
    }
    for (const integration of integrations) {
      const alerts = fromEmail({ ...mail, dedupPattern: integration.settings.dedupPattern });
      const admitted = deps.intake.admit(integration, alerts.length);
      if (!admitted.allowed) {
        count(deps.metrics, 'rate_limited');
        throw smtpError(452, `4.5.3 too many alerts for this key: ${refusalText(admitted, alerts.length, deps.intake.rate)}`);
      }
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
