import { describe, expect, it } from 'vitest';
import { defaultDbPath, parseSettings, SettingsError, settingsUsage } from './settings.js';

const linux = { platform: 'linux' as const, homeDir: '/home/ann' };

function errorOf(fn: () => unknown): SettingsError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SettingsError) return error;
    throw error;
  }
  throw new Error('expected a SettingsError');
}

/** The login throttle's defaults (see settings-login.test.ts for the settings themselves). */
const LOGIN_DEFAULTS = { loginFreeAttempts: 5, loginBaseDelaySeconds: 1, loginMaxDelaySeconds: 900, loginLockoutAfter: 20, loginForgetSeconds: 3600 };

describe('parseSettings', () => {
  it('uses the documented defaults when nothing is set', () => {
    expect(parseSettings({ ...linux, argv: [], env: {} })).toEqual({
      host: '127.0.0.1',
      port: 7300,
      smtpPort: 2525,
      db: '/home/ann/.local/share/klaxon/klaxon.db',
      demo: false,
      failedPageMovesOn: true,
      logLevel: 'info',
      tokenTtlSeconds: 12 * 3600,
      ingestRate: 120,
      ingestBurst: 120,
      socketRate: 20,
      smtpMaxBytes: 10 * 1024 * 1024,
      ...LOGIN_DEFAULTS,
    });
  });

  it('reads every KLAXON_* variable', () => {
    const settings = parseSettings({
      ...linux,
      argv: [],
      env: {
        KLAXON_HOST: '0.0.0.0',
        KLAXON_PORT: '8080',
        KLAXON_SMTP_PORT: '0',
        KLAXON_DB: 'postgres://klaxon@db/klaxon',
        KLAXON_REDIS_URL: 'redis://cache:6379',
        KLAXON_CONFIG: 'klaxon.yaml',
        KLAXON_MAIL_URL: 'smtp://mail:25',
        KLAXON_DEMO: 'TRUE',
        KLAXON_LOG_LEVEL: 'debug',
        KLAXON_TOKEN_TTL: '30m',
        KLAXON_INGEST_RATE: '600',
        KLAXON_INGEST_BURST: '20',
        KLAXON_SOCKET_RATE: '50',
        KLAXON_SMTP_MAX_BYTES: '2048',
        KLAXON_SMTP_TLS_KEY: '/etc/klaxon/smtp.key',
        KLAXON_SMTP_TLS_CERT: '/etc/klaxon/smtp.crt',
        KLAXON_PUBLIC_URL: 'https://klaxon.example.com',
        KLAXON_FAILED_PAGE_MOVES_ON: '0',
      },
    });
    expect(settings).toEqual({
      host: '0.0.0.0',
      port: 8080,
      smtpPort: 0,
      db: 'postgres://klaxon@db/klaxon',
      redisUrl: 'redis://cache:6379',
      configPath: 'klaxon.yaml',
      mailUrl: 'smtp://mail:25',
      demo: true,
      logLevel: 'debug',
      tokenTtlSeconds: 1800,
      ingestRate: 600,
      ingestBurst: 20,
      socketRate: 50,
      smtpMaxBytes: 2048,
      smtpTlsKey: '/etc/klaxon/smtp.key',
      smtpTlsCert: '/etc/klaxon/smtp.crt',
      publicUrl: 'https://klaxon.example.com',
      ...LOGIN_DEFAULTS,
      failedPageMovesOn: false,
    });
  });

  it('lets flags win over the environment', () => {
    const settings = parseSettings({
      ...linux,
      argv: ['--port', '9000', '--db', '/tmp/x.db', '--config=/etc/klaxon.yaml', '--demo', '--token-ttl', '3600'],
      env: { KLAXON_PORT: '8080', KLAXON_DB: '/var/lib/klaxon.db', KLAXON_DEMO: '0' },
    });
    expect(settings).toMatchObject({
      port: 9000,
      db: '/tmp/x.db',
      configPath: '/etc/klaxon.yaml',
      demo: true,
      tokenTtlSeconds: 3600,
    });
    expect(parseSettings({ ...linux, argv: ['--no-demo'], env: { KLAXON_DEMO: '1' } }).demo).toBe(false);
  });

  it('treats an empty variable as unset', () => {
    expect(parseSettings({ ...linux, argv: [], env: { KLAXON_PORT: '' } }).port).toBe(7300);
  });

  it.each([
    ['KLAXON_HOST', ' '],
    ['KLAXON_PORT', 'abc'],
    ['KLAXON_PORT', '65536'],
    ['KLAXON_PORT', '-1'],
    ['KLAXON_SMTP_PORT', '25.5'],
    ['KLAXON_DB', 'mysql://db/klaxon'],
    ['KLAXON_REDIS_URL', 'http://cache'],
    ['KLAXON_CONFIG', '  '],
    ['KLAXON_MAIL_URL', 'mail.example.com'],
    ['KLAXON_DEMO', 'yes please'],
    ['KLAXON_LOG_LEVEL', 'loud'],
    ['KLAXON_TOKEN_TTL', '12 hours'],
    ['KLAXON_TOKEN_TTL', '0s'],
  ])('names %s when it is wrong (%j)', (name, value) => {
    const error = errorOf(() => parseSettings({ ...linux, argv: [], env: { [name]: value } }));
    expect(error.setting).toBe(name);
    expect(error.message).toMatch(new RegExp(`^${name}: expected .+, got ${JSON.stringify(JSON.stringify(value)).slice(1, -1)}$`));
  });

  it('words a wrong port exactly as the docs show', () => {
    expect(errorOf(() => parseSettings({ ...linux, argv: [], env: { KLAXON_PORT: 'abc' } })).message).toBe(
      'KLAXON_PORT: expected an integer from 0 to 65535, got "abc"',
    );
  });

  it('names the flag and the setting when a flag is wrong', () => {
    const error = errorOf(() => parseSettings({ ...linux, argv: ['--port', 'x'], env: {} }));
    expect(error.message).toBe('--port (KLAXON_PORT): expected an integer from 0 to 65535, got "x"');
  });

  it('rejects unknown flags, positionals and flags without their value', () => {
    expect(errorOf(() => parseSettings({ ...linux, argv: ['--prot', '1'], env: {} })).message).toMatch(/--prot/);
    expect(errorOf(() => parseSettings({ ...linux, argv: ['serve'], env: {} })).message).toMatch(/serve/);
    expect(errorOf(() => parseSettings({ ...linux, argv: ['--port'], env: {} })).message).toMatch(/--port/);
  });

  it('lists every flag in the usage text', () => {
    for (const flag of ['--host', '--port', '--smtp-port', '--db', '--redis-url', '--config', '--mail-url', '--demo', '--log-level', '--token-ttl']) {
      expect(settingsUsage()).toContain(flag);
    }
  });
});

describe('defaultDbPath', () => {
  it('follows XDG on Linux', () => {
    expect(defaultDbPath('linux', { XDG_DATA_HOME: '/data' }, '/home/ann')).toBe('/data/klaxon/klaxon.db');
    expect(defaultDbPath('linux', { XDG_DATA_HOME: 'relative' }, '/home/ann')).toBe(
      '/home/ann/.local/share/klaxon/klaxon.db',
    );
  });

  it('uses Application Support on macOS', () => {
    expect(defaultDbPath('darwin', {}, '/Users/ann')).toBe('/Users/ann/Library/Application Support/Klaxon/klaxon.db');
  });

  it('uses %APPDATA% on Windows', () => {
    expect(defaultDbPath('win32', { APPDATA: 'C:\\Users\\ann\\AppData\\Roaming' }, 'C:\\Users\\ann')).toBe(
      'C:\\Users\\ann\\AppData\\Roaming\\Klaxon\\klaxon.db',
    );
    expect(defaultDbPath('win32', {}, 'C:\\Users\\ann')).toBe('C:\\Users\\ann\\AppData\\Roaming\\Klaxon\\klaxon.db');
  });
});

describe('parseSettings: outbound guard, metrics token and TLS', () => {
  const parse = (env: Record<string, string>, argv: string[] = []) => parseSettings({ ...linux, argv, env });

  it('reads the outbound allow-list as CIDR ranges, from the environment or a flag', () => {
    expect(parse({ KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32, 10.0.0.0/8' }).outboundAllow).toEqual(['127.0.0.1/32', '10.0.0.0/8']);
    expect(parse({}, ['--outbound-allow', '::1/128']).outboundAllow).toEqual(['::1/128']);
    expect(parse({}).outboundAllow).toBeUndefined();
  });

  it('names KLAXON_OUTBOUND_ALLOW when a range cannot be read', () => {
    const error = errorOf(() => parse({ KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32,intranet' }));
    expect(error.setting).toBe('KLAXON_OUTBOUND_ALLOW');
    expect(error.message).toContain('"127.0.0.1/32,intranet"');
  });

  it('reads the metrics token and refuses a short one', () => {
    expect(parse({ KLAXON_METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
    expect(errorOf(() => parse({ KLAXON_METRICS_TOKEN: 'short' })).setting).toBe('KLAXON_METRICS_TOKEN');
  });

  it('never repeats a secret, or the password in a URL, in a settings error', () => {
    for (const [env, value] of [
      ['KLAXON_METRICS_TOKEN', 'hunter2-short'],
      ['KLAXON_PUSHOVER_TOKEN', 'hunter2-not-thirty-characters'],
      ['KLAXON_SECRET_KEY', 'hunter2'],
      ['KLAXON_REDIS_URL', 'http://ann:hunter2@redis.example:6379'],
      ['KLAXON_MAIL_URL', 'ftp://ann:hunter2@mail.example'],
      ['KLAXON_DB', 'mysql://ann:hunter2@db.example/klaxon'],
    ] as const) {
      const error = errorOf(() => parse({ [env]: value }));
      expect(error.setting).toBe(env);
      expect(error.message).not.toContain('hunter2');
    }
    // A URL's other parts are still shown, so the mistake can be found.
    expect(errorOf(() => parse({ KLAXON_REDIS_URL: 'http://ann:hunter2@redis.example:6379' })).message).toContain('redis.example');
  });

  it('reads the TLS certificate and key together, and names the one missing', () => {
    expect(parse({ KLAXON_TLS_CERT: '/etc/klaxon/cert.pem', KLAXON_TLS_KEY: '/etc/klaxon/key.pem' })).toMatchObject({
      tlsCert: '/etc/klaxon/cert.pem',
      tlsKey: '/etc/klaxon/key.pem',
    });
    expect(errorOf(() => parse({ KLAXON_TLS_CERT: '/etc/klaxon/cert.pem' })).setting).toBe('KLAXON_TLS_KEY');
    expect(errorOf(() => parse({ KLAXON_TLS_KEY: '/etc/klaxon/key.pem' })).setting).toBe('KLAXON_TLS_CERT');
  });
});
