import { homedir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { parseDuration } from '../shared/schemas/common.js';
import { parseAllowList } from './adapters/outbound/address-guard.js';
import { parseSecretKey } from './adapters/connectwise/secret-box.js';

/** The log levels the relay accepts for `KLAXON_LOG_LEVEL`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
/** One of the log levels the relay accepts. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The relay's settings, parsed once at start from the environment and the command-line flags. */
export interface Settings {
  host: string;
  /** HTTP and Socket.IO port; 0 picks a free port. */
  port: number;
  /** SMTP ingest port; 0 turns SMTP ingest off. */
  smtpPort: number;
  /** A SQLite file path or a `postgres://` URL. */
  db: string;
  redisUrl: string | undefined;
  configPath: string | undefined;
  mailUrl: string | undefined;
  demo: boolean;
  logLevel: LogLevel;
  /** How long a login token stays valid, in seconds. */
  tokenTtlSeconds: number;
  /** Alerts each integration key may send per minute, and how many at once. */
  ingestRate: number;
  ingestBurst: number;
  /** Socket events each socket may send per second (a person over all their sockets: twice that). */
  socketRate: number;
  /** The largest e-mail the SMTP ingest accepts, in bytes. */
  smtpMaxBytes: number;
  /** PEM key and certificate files that turn on STARTTLS for SMTP ingest. */
  smtpTlsKey: string | undefined;
  smtpTlsCert: string | undefined;
  /** The address people reach this relay at, for links in pages and e-mails (default: its own URL). */
  publicUrl: string | undefined;
  /** The relay's Pushover application token; the Pushover channel is off without it. */
  pushoverToken: string | undefined;
  /** The VAPID subject (`mailto:` or https URL) push services may contact about this relay's Web Push. */
  vapidSubject: string | undefined;
  /** Failed logins of one name or address answered at once, before delays begin. */
  loginFreeAttempts: number;
  /** The first delay (seconds) after the free attempts; it doubles with each further failure. */
  loginBaseDelaySeconds: number;
  /** The longest delay (seconds) a name or address is told to wait. */
  loginMaxDelaySeconds: number;
  /** Failed logins of one name that lock it out until an administrator lifts it; 0 never locks. */
  loginLockoutAfter: number;
  /** How long (seconds) after its last failure a name's or address's count is forgotten. */
  loginForgetSeconds: number;
  /** CIDR ranges outbound requests may reach although they are private, loopback or link-local. */
  outboundAllow: string[] | undefined;
  /** A bearer token `/metrics` asks for; `/metrics` is open without it. */
  metricsToken: string | undefined;
  /** PEM certificate (chain) and key files that make the relay serve HTTPS and WSS itself. */
  tlsCert: string | undefined;
  tlsKey: string | undefined;
  /** Whether a level whose pages all failed moves on at once instead of waiting out its delay. */
  failedPageMovesOn: boolean;
  /** The 32-byte key that encrypts secrets kept at rest (ConnectWise keys set in the console). */
  secretKey: Buffer | undefined;
}

/** A wrong setting; the message names the setting (and the flag when it came from one) and the value. */
export class SettingsError extends Error {
  override readonly name = 'SettingsError';

  /** Builds the error for `setting` (an environment variable name, or undefined for flag syntax errors). */
  constructor(
    message: string,
    readonly setting?: string,
  ) {
    super(message);
  }
}

/** Where settings come from; every field defaults to the running process. */
export interface SettingsSources {
  argv?: readonly string[];
  env?: Record<string, string | undefined>;
  platform?: NodeJS.Platform;
  homeDir?: string;
}

interface Spec<T> {
  env: string;
  flag: string;
  /** What a right value looks like, for the error message. */
  expected: string;
  schema: z.ZodType<T, string>;
  boolean?: true;
  /** The value is a secret: an error message never repeats it. */
  secret?: true;
}

const text = (): z.ZodType<string, string> => z.string().trim().min(1);

const port = (): z.ZodType<number, string> =>
  z.string().trim().regex(/^\d{1,5}$/).transform(Number).pipe(z.number().int().min(0).max(65_535));

const count = (min: number, max: number): z.ZodType<number, string> =>
  z.string().trim().regex(/^\d{1,10}$/).transform(Number).pipe(z.number().int().min(min).max(max));

const url = (schemes: string[]): z.ZodType<string, string> =>
  z.string().trim().refine((value) => {
    try {
      return schemes.includes(new URL(value).protocol);
    } catch {
      return false;
    }
  });

/** A duration such as "30s", "15m" or "1h" (or plain seconds), in seconds, at least `min`. */
const seconds = (min: number): z.ZodType<number, string> =>
  z.string().transform((v, ctx) => {
    const value = /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : parseDuration(v);
    if (value === undefined || value < min) {
      ctx.addIssue({ code: 'custom', message: 'bad duration' });
      return z.NEVER;
    }
    return value;
  });

const SPECS = {
  host: { env: 'KLAXON_HOST', flag: 'host', expected: 'a host name or IP address', schema: text() },
  port: { env: 'KLAXON_PORT', flag: 'port', expected: 'an integer from 0 to 65535', schema: port() },
  smtpPort: {
    env: 'KLAXON_SMTP_PORT',
    flag: 'smtp-port',
    expected: 'an integer from 0 to 65535 (0 turns SMTP off)',
    schema: port(),
  },
  db: {
    env: 'KLAXON_DB',
    flag: 'db',
    expected: 'a SQLite file path or a postgres:// URL',
    schema: z.string().trim().min(1).refine((v) => !/^[a-z][a-z0-9+.-]*:\/\//i.test(v) || /^postgres(ql)?:\/\//i.test(v)),
  },
  redisUrl: {
    env: 'KLAXON_REDIS_URL',
    flag: 'redis-url',
    expected: 'a redis:// or rediss:// URL',
    schema: url(['redis:', 'rediss:']),
  },
  configPath: { env: 'KLAXON_CONFIG', flag: 'config', expected: 'a YAML or JSON file path', schema: text() },
  mailUrl: {
    env: 'KLAXON_MAIL_URL',
    flag: 'mail-url',
    expected: 'an smtp:// or smtps:// URL',
    schema: url(['smtp:', 'smtps:']),
  },
  demo: {
    env: 'KLAXON_DEMO',
    flag: 'demo',
    expected: '1, true, 0 or false',
    schema: z.string().trim().toLowerCase().pipe(z.enum(['1', 'true', '0', 'false'])).transform((v) => v === '1' || v === 'true'),
    boolean: true,
  },
  logLevel: {
    env: 'KLAXON_LOG_LEVEL',
    flag: 'log-level',
    expected: `one of ${LOG_LEVELS.join(', ')}`,
    schema: z.string().trim().toLowerCase().pipe(z.enum(LOG_LEVELS)),
  },
  tokenTtlSeconds: {
    env: 'KLAXON_TOKEN_TTL',
    flag: 'token-ttl',
    expected: 'a duration such as "30m", "12h" or "7d" (or seconds), longer than 0',
    schema: z.string().transform((v, ctx) => {
      const seconds = /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : parseDuration(v);
      if (seconds === undefined || seconds <= 0) {
        ctx.addIssue({ code: 'custom', message: 'bad duration' });
        return z.NEVER;
      }
      return seconds;
    }),
  },
  ingestRate: { env: 'KLAXON_INGEST_RATE', flag: 'ingest-rate', expected: 'alerts per minute per key, 1 to 1000000', schema: count(1, 1_000_000) },
  socketRate: { env: 'KLAXON_SOCKET_RATE', flag: 'socket-rate', expected: 'socket events per second per socket, 1 to 100000', schema: count(1, 100_000) },
  ingestBurst: { env: 'KLAXON_INGEST_BURST', flag: 'ingest-burst', expected: 'alerts at once per key, 1 to 1000000', schema: count(1, 1_000_000) },
  smtpMaxBytes: {
    env: 'KLAXON_SMTP_MAX_BYTES',
    flag: 'smtp-max-bytes',
    expected: 'a size in bytes from 1024 to 104857600',
    schema: count(1024, 104_857_600),
  },
  smtpTlsKey: { env: 'KLAXON_SMTP_TLS_KEY', flag: 'smtp-tls-key', expected: 'a PEM private key file path', schema: text() },
  smtpTlsCert: { env: 'KLAXON_SMTP_TLS_CERT', flag: 'smtp-tls-cert', expected: 'a PEM certificate file path', schema: text() },
  publicUrl: { env: 'KLAXON_PUBLIC_URL', flag: 'public-url', expected: 'an http:// or https:// URL', schema: url(['http:', 'https:']) },
  pushoverToken: {
    env: 'KLAXON_PUSHOVER_TOKEN',
    flag: 'pushover-token',
    expected: 'the 30-character Pushover application token',
    secret: true,
    schema: z.string().trim().regex(/^[A-Za-z0-9]{30}$/),
  },
  vapidSubject: {
    env: 'KLAXON_VAPID_SUBJECT',
    flag: 'vapid-subject',
    expected: 'a mailto: or https:// URL',
    schema: url(['mailto:', 'https:']),
  },
  loginFreeAttempts: {
    env: 'KLAXON_LOGIN_FREE_ATTEMPTS',
    flag: 'login-free-attempts',
    expected: 'failed logins before delays begin, 1 to 1000',
    schema: count(1, 1000),
  },
  loginBaseDelaySeconds: {
    env: 'KLAXON_LOGIN_BASE_DELAY',
    flag: 'login-base-delay',
    expected: 'a duration such as "1s" or "5s" (or seconds), at least 1s',
    schema: seconds(1),
  },
  loginMaxDelaySeconds: {
    env: 'KLAXON_LOGIN_MAX_DELAY',
    flag: 'login-max-delay',
    expected: 'a duration such as "15m" or "1h" (or seconds), at least 1s',
    schema: seconds(1),
  },
  loginLockoutAfter: {
    env: 'KLAXON_LOGIN_LOCKOUT',
    flag: 'login-lockout',
    expected: 'failed logins that lock a name out, 0 (never) to 100000',
    schema: count(0, 100_000),
  },
  loginForgetSeconds: {
    env: 'KLAXON_LOGIN_FORGET',
    flag: 'login-forget',
    expected: 'a duration such as "1h" or "1d" (or seconds), at least 1s',
    schema: seconds(1),
  },
  outboundAllow: {
    env: 'KLAXON_OUTBOUND_ALLOW',
    flag: 'outbound-allow',
    expected: 'comma-separated IP ranges such as 127.0.0.1/32,10.0.0.0/8',
    schema: z.string().transform((v, ctx) => {
      try {
        return parseAllowList(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'bad range' });
        return z.NEVER;
      }
    }),
  },
  metricsToken: {
    env: 'KLAXON_METRICS_TOKEN',
    flag: 'metrics-token',
    expected: 'a token of 16 to 256 printable characters',
    secret: true,
    schema: z.string().trim().regex(/^[\x21-\x7e]{16,256}$/),
  },
  tlsCert: { env: 'KLAXON_TLS_CERT', flag: 'tls-cert', expected: 'a PEM certificate file path', schema: text() },
  tlsKey: { env: 'KLAXON_TLS_KEY', flag: 'tls-key', expected: 'a PEM private key file path', schema: text() },
  failedPageMovesOn: {
    env: 'KLAXON_FAILED_PAGE_MOVES_ON',
    flag: 'failed-page-moves-on',
    expected: '1, true, 0 or false',
    schema: z.string().trim().toLowerCase().pipe(z.enum(['1', 'true', '0', 'false'])).transform((v) => v === '1' || v === 'true'),
    boolean: true,
  },
  secretKey: {
    env: 'KLAXON_SECRET_KEY',
    flag: 'secret-key',
    expected: '32 bytes written as 64 hex digits or base64',
    secret: true,
    schema: z.string().transform((v, ctx) => {
      try {
        return parseSecretKey(v);
      } catch {
        ctx.addIssue({ code: 'custom', message: 'bad key' });
        return z.NEVER;
      }
    }),
  },
} satisfies { [K in keyof Settings]: Spec<Exclude<Settings[K], undefined>> };

type Key = keyof typeof SPECS;

const DEFAULTS: Partial<Record<Key, string>> = {
  host: '127.0.0.1',
  port: '7300',
  smtpPort: '2525',
  demo: 'false',
  failedPageMovesOn: 'true',
  logLevel: 'info',
  tokenTtlSeconds: '12h',
  ingestRate: '120',
  ingestBurst: '120',
  socketRate: '20',
  smtpMaxBytes: String(10 * 1024 * 1024),
  loginFreeAttempts: '5',
  loginBaseDelaySeconds: '1s',
  loginMaxDelaySeconds: '15m',
  loginLockoutAfter: '20',
  loginForgetSeconds: '1h',
};

/**
 * Returns the default SQLite file in the operating system's per-user data folder: Linux
 * `$XDG_DATA_HOME/klaxon/klaxon.db` (or `~/.local/share/…`), macOS `~/Library/Application Support/Klaxon/`,
 * Windows `%APPDATA%\Klaxon\`.
 */
export function defaultDbPath(
  platform: NodeJS.Platform,
  env: Record<string, string | undefined>,
  homeDir: string,
): string {
  if (platform === 'win32') {
    const appData = env.APPDATA || path.win32.join(homeDir, 'AppData', 'Roaming');
    return path.win32.join(appData, 'Klaxon', 'klaxon.db');
  }
  if (platform === 'darwin') return path.posix.join(homeDir, 'Library', 'Application Support', 'Klaxon', 'klaxon.db');
  // The XDG spec says a relative XDG_DATA_HOME is invalid and must be ignored.
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : undefined;
  return path.posix.join(xdg ?? path.posix.join(homeDir, '.local', 'share'), 'klaxon', 'klaxon.db');
}

/** The usage text for `--help`, one line per flag with its environment variable. */
export function settingsUsage(): string {
  const lines = Object.values(SPECS).map((spec: Spec<unknown>) => {
    const flag = spec.boolean ? `--${spec.flag}` : `--${spec.flag} <value>`;
    return `  ${flag.padEnd(24)} ${spec.env.padEnd(18)} ${spec.expected}`;
  });
  return ['Usage: klaxon-relay [flags]   (flags win over environment variables)', ...lines].join('\n');
}

function readFlags(argv: readonly string[]): Partial<Record<Key, string>> {
  const options = Object.fromEntries(
    Object.values(SPECS).map((spec: Spec<unknown>) => [spec.flag, { type: spec.boolean ? 'boolean' : 'string' }] as const),
  );
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: [...argv], options, strict: true, allowPositionals: false, allowNegative: true });
  } catch (error) {
    // node:util names the offending flag in its message ("Unknown option '--prot'").
    throw new SettingsError(`flags: ${(error as Error).message} (see --help)`);
  }
  const values: Partial<Record<Key, string>> = {};
  for (const [key, spec] of Object.entries(SPECS) as [Key, Spec<unknown>][]) {
    const value = parsed.values[spec.flag];
    if (value !== undefined) values[key] = String(value);
  }
  return values;
}

/** A value as an error may repeat it: the password of a URL (`scheme://user:password@host`) masked. */
function withoutPassword(raw: string): string {
  return raw.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*:)[^@/]*@/i, '$1***@');
}

/**
 * Parses the relay's settings once: defaults, then `KLAXON_*` environment variables, then flags
 * (which win). Throws a `SettingsError` naming the setting for any wrong value or unknown flag.
 */
export function parseSettings(sources: SettingsSources = {}): Settings {
  const env = sources.env ?? process.env;
  const flags = readFlags(sources.argv ?? process.argv.slice(2));
  const result: Record<string, unknown> = {};
  for (const [key, spec] of Object.entries(SPECS) as [Key, Spec<unknown>][]) {
    const fromFlag = flags[key];
    // An empty environment variable counts as unset, as most shells and service managers intend.
    const fromEnv = env[spec.env] === '' ? undefined : env[spec.env];
    const raw = fromFlag ?? fromEnv ?? DEFAULTS[key];
    if (raw === undefined) continue;
    const parsed = spec.schema.safeParse(raw);
    if (!parsed.success) {
      const name = fromFlag !== undefined ? `--${spec.flag} (${spec.env})` : spec.env;
      const got = spec.secret ? `a value of ${raw.length} characters` : JSON.stringify(withoutPassword(raw));
      throw new SettingsError(`${name}: expected ${spec.expected}, got ${got}`, spec.env);
    }
    result[key] = parsed.data;
  }
  // HTTPS needs both files; one alone is a mistake, not a reason to serve plain HTTP.
  if ((result.tlsCert === undefined) !== (result.tlsKey === undefined)) {
    const [missing, given] = result.tlsCert === undefined ? [SPECS.tlsCert, SPECS.tlsKey] : [SPECS.tlsKey, SPECS.tlsCert];
    throw new SettingsError(`${missing.env}: expected ${missing.expected} with ${given.env}, got none`, missing.env);
  }
  const platform = sources.platform ?? process.platform;
  return {
    ...(result as Omit<Settings, 'db'>),
    db: (result.db as string | undefined) ?? defaultDbPath(platform, env, sources.homeDir ?? homedir()),
  };
}
