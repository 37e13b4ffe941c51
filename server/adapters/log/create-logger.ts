import { createRequire } from 'node:module';
import { pino, type DestinationStream, type Logger } from 'pino';
import type { PrettyOptions } from 'pino-pretty';
import type { LogLevel } from '../../settings.js';

/** pino-pretty is only loaded on a terminal; services and tests write JSON and skip it. */
const requirePretty = () =>
  createRequire(import.meta.url)('pino-pretty') as (options: PrettyOptions) => DestinationStream;

/** The relay's logger: pino, so Fastify can use it as it is. */
export type Log = Logger;

/** Field names whose values never reach a log line, at the top level and one or two levels down. */
const SECRET_FIELDS = [
  'password',
  'passwordHash',
  'token',
  'tokenHash',
  'authorization',
  'cookie',
  'routing_key',
  'key',
  'keyHash',
  'hmacSecret',
  'secret',
  // What a send touches: push endpoints (capability URLs) and subscription keys, contact targets
  // (topic and webhook URLs) with their tokens, provider keys, and the relay's own signing keys.
  'endpoint',
  'subscription',
  'p256dh',
  'auth',
  'target',
  'contacts',
  'accessToken',
  'apiKey',
  'appToken',
  'userKey',
  'deviceToken',
  'metricsToken',
  'privateKey',
  'vapid',
  // ConnectWise API keys as the console sends them, sealed as stored, and the key that seals them.
  'publicKey',
  'publicKeySealed',
  'privateKeySealed',
  'secretKey',
];

/**
 * The redaction paths: each secret field at depth 0–2 (pino's wildcards match one level each), plus
 * the request headers Fastify and Socket.IO log.
 */
export const REDACT_PATHS: readonly string[] = [
  ...SECRET_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'auth.token',
  'handshake.auth.token',
];

/** How to build the logger; by default JSON to stdout, pretty when stdout is a terminal. */
export interface LoggerOptions {
  level: LogLevel;
  /** Human-readable lines instead of JSON; defaults to whether stdout is a TTY. */
  pretty?: boolean;
  /** Where lines go (tests pass a capture stream); defaults to stdout. */
  destination?: DestinationStream;
}

/**
 * Creates the relay's pino logger with every password, token and key redacted, pretty-printed on a
 * terminal and one JSON object per line otherwise.
 */
export function createLogger(options: LoggerOptions): Log {
  const usePretty = options.pretty ?? process.stdout.isTTY === true;
  const destination =
    options.destination ??
    // The pretty printer runs in-process (not as a worker transport) so start-up stays quick.
    (usePretty ? requirePretty()({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' }) : undefined);
  return pino(
    {
      level: options.level,
      base: { pid: process.pid },
      redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

/** A logger that drops everything, for tests and tools that do not log. */
export function createSilentLogger(): Log {
  return pino({ level: 'silent' });
}
