import { constants } from 'node:os';
import { createSystemClock } from './adapters/clock/system-clock.js';
import { createLogger } from './adapters/log/create-logger.js';
import { parseSettings, SettingsError, settingsUsage, type Settings } from './settings.js';

/** How long a graceful shutdown may take before the process gives up and exits 1. */
const SHUTDOWN_DEADLINE_MS = 10_000;

/** Joins an error's message with its causes' into one line. */
function oneLine(error: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = error; e !== undefined && parts.length < 5; e = e instanceof Error ? e.cause : undefined) {
    parts.push(e instanceof Error ? e.message : String(e));
  }
  return parts.join(': ').replace(/\s*\n\s*/g, ' ');
}

function fail(message: string): never {
  process.stderr.write(`klaxon: ${message}\n`);
  process.exit(1);
}

/** The composition root: the only place that builds the system clock and the real logger. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(`${settingsUsage()}\n`);
    return;
  }
  let settings: Settings;
  try {
    settings = parseSettings({ argv, env: process.env });
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }

  const clock = createSystemClock();
  const log = createLogger({ level: settings.logLevel });
  process.on('uncaughtException', (error) => {
    log.fatal({ err: error }, 'uncaught exception');
    process.exit(1);
  });
  process.on('unhandledRejection', (reason) => {
    log.fatal({ err: reason }, 'unhandled promise rejection');
    process.exit(1);
  });

  // Loaded after the settings are checked, so a wrong setting is reported without loading the whole relay.
  const [{ startRelay }, { ConfigError }] = await Promise.all([
    import('./relay.js'),
    import('./app/config/load-config-file.js'),
  ]);
  const relay = await startRelay(settings, { clock, log, print: (text) => void process.stdout.write(text) }).catch(
    (error: unknown) => {
      if (error instanceof ConfigError) {
        process.stderr.write(`klaxon: ${error.message}\n`);
        process.exit(1);
      }
      fail(`cannot start: ${oneLine(error)}`);
    },
  );
  log.info({ url: relay.url }, 'relay listening');

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      // A second signal means "now": skip the rest of the graceful shutdown.
      process.exit(128 + (constants.signals[signal] ?? 1));
    }
    stopping = true;
    log.info({ signal }, 'shutting down');
    setTimeout(() => {
      log.error({ ms: SHUTDOWN_DEADLINE_MS }, 'shutdown took too long; exiting');
      process.exit(1);
    }, SHUTDOWN_DEADLINE_MS).unref();
    relay.close().then(
      () => {
        log.info('relay stopped');
        process.exit(0);
      },
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // SIGHUP (systemctl reload) re-reads the TLS certificate and key, e.g. after a renewal.
  process.on('SIGHUP', () => {
    relay.reloadTls().then(
      (reloaded) => log.info({ signal: 'SIGHUP' }, reloaded ? 'tls certificate reloaded' : 'no tls certificate to reload'),
      (error: unknown) => log.error({ signal: 'SIGHUP', err: error }, 'tls certificate not reloaded; the old one stays in use'),
    );
  });
}

// Not a top-level await: server/run.mjs runs the relay as one CommonJS bundle (with V8's code cache).
void main();
