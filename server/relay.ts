import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createSystemClock } from './adapters/clock/system-clock.js';
import { createLogger, type Log } from './adapters/log/create-logger.js';
import { createMetrics, type Metrics } from './adapters/metrics/create-metrics.js';
import { createStore } from './adapters/store/create-store.js';
import { createAccounts } from './app/accounts/accounts.js';
import { bootstrapAdmin } from './app/accounts/bootstrap-admin.js';
import { createUserAdmin } from './app/accounts/user-admin.js';
import { createTwoFactor } from './app/accounts/two-factor.js';
import { createSecretBox } from './adapters/connectwise/secret-box.js';
import { registerTwoFactorRoutes } from './transport/http/routes/two-factor-routes.js';
import { registerUserAdminRoutes } from './transport/http/routes/user-admin-routes.js';
import { createDeviceAuth, withDeviceTokens } from './app/devices/device-tokens.js';
import { applyConfig, type ApplyReport } from './app/config/apply-config.js';
import { applyDemoConfig, loadDemoConfig, type DemoAlertStream, type DemoAlertStreamContext } from './app/demo/demo-config.js';
import { startDemo } from './app/demo/start-demo.js';
import { loadConfigFile } from './app/config/load-config-file.js';
import { forgetDeclaredEntries } from './app/config/config-managed.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import type { Settings } from './settings.js';
import { createHttpServer } from './transport/http/create-http-server.js';
import { loadTlsFiles } from './transport/http/tls-files.js';
import { reloadTls } from './transport/http/tls-reload.js';
import { createSocketServer, type SocketServer } from './transport/socket/create-socket-server.js';
import { projectRoot } from './project-root.js';
import { useRedisAdapter } from './transport/socket/redis-adapter.js';
import { createSocketRateLimiter, socketRateLimits } from './transport/socket/socket-rate-limit.js';
import { wireIncidentFeatures } from './wire-incidents.js';
import { createAuditFeatures } from './wire-audit.js';
import { createAuditTrail } from './app/audit/audit-trail.js';
import { createTokenFeatures } from './wire-tokens.js';
import { createConfigUpload } from './app/config/config-upload.js';
import { registerConfigRoutes } from './transport/http/routes/config-routes.js';
import { createSsoFeatures } from './wire-sso.js';
import { wireAdminFeatures } from './wire-admin.js';

/** A running relay. */
export interface Relay {
  /** The base URL it listens on, e.g. `http://127.0.0.1:7300`. */
  readonly url: string;
  readonly port: number;
  readonly app: FastifyInstance;
  readonly sockets: SocketServer;
  readonly store: Store;
  readonly metrics: Metrics;
  /**
   * Reads the TLS certificate and key files again and serves them to new connections (SIGHUP, after
   * a renewal); answers false when the relay serves plain HTTP. Throws, keeping the old
   * certificate, when the files cannot be read or do not match.
   */
  reloadTls(): Promise<boolean>;
  /**
   * Shuts down gracefully: stops accepting connections, disconnects sockets, lets in-flight requests
   * finish, then closes the store it opened. Calling it again returns the same promise.
   */
  close(): Promise<void>;
}

/** What a caller may supply instead of the defaults (tests pass a manual clock or a capture logger). */
export interface RelayDeps {
  clock?: Clock;
  log?: Log;
  /** A store the caller owns (and closes); by default the relay opens `settings.db` and closes it. */
  store?: Store;
  /** Where the first-start admin password goes; stdout by default, never the logger. */
  print?: (text: string) => void;
  /** The `KLAXON_DEMO` synthetic alert stream; by default the real one (see `app/demo/`). */
  demoAlertStream?: (context: DemoAlertStreamContext) => DemoAlertStream;
  /** The built console; `dist/renderer` by default. */
  rendererDir?: string;
}

/** How long a graceful close waits for in-flight requests before cutting their connections. */
const CLOSE_GRACE_MS = 5000;

const DEFAULT_RENDERER_DIR = path.join(projectRoot(), 'dist', 'renderer');

function isPostgres(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

function summary(report: ApplyReport): Record<string, string> {
  return Object.fromEntries(
    Object.entries(report).map(([kind, c]) => [kind, `+${c.created} ~${c.updated} =${c.unchanged} -${c.deleted}`]),
  );
}

function urlOf(host: string, port: number, scheme: 'http' | 'https' = 'http'): string {
  return `${scheme}://${host.includes(':') ? `[${host}]` : host}:${port}`;
}

/**
 * Starts the relay: checks the config file (before touching the database), opens and migrates the
 * store, applies the config in one transaction (or, on a first start without one, creates `admin`),
 * applies the demo team when asked, and serves HTTP and Socket.IO on one port. Throws — after
 * closing what it opened — when any step fails, e.g. a `ConfigError` listing every wrong field.
 */
export async function startRelay(settings: Settings, deps: RelayDeps = {}): Promise<Relay> {
  const clock = deps.clock ?? createSystemClock();
  const log = deps.log ?? createLogger({ level: settings.logLevel });
  const print = deps.print ?? ((text: string) => void process.stdout.write(text));
  const config = settings.configPath ? await loadConfigFile(settings.configPath) : undefined;
  const demoConfig = settings.demo ? await loadDemoConfig() : undefined;

  if (!deps.store && !isPostgres(settings.db) && settings.db !== ':memory:') {
    mkdirSync(path.dirname(path.resolve(settings.db)), { recursive: true });
  }
  const store =
    deps.store ??
    (await createStore(settings.db, {
      checkpointThread: true,
      onCheckpointError: (error) => log.error({ err: error }, 'the SQLite checkpoint thread failed: commits checkpoint the WAL again'),
      onPoolError: (error) => log.warn({ err: error }, 'an idle PostgreSQL connection failed; the pool replaces it'),
    }));
  const ownsStore = !deps.store;
  let demo: DemoAlertStream | undefined;
  try {
    if (!config) await bootstrapAdmin({ store, print });
    if (demoConfig) log.info({ changes: summary(await applyDemoConfig(store, clock, demoConfig)) }, 'demo team applied');
    const audit = createAuditTrail({ store, clock });
    if (config) log.info({ file: settings.configPath, changes: summary(await applyConfig(store, config, clock, audit)) }, 'config applied');
    // Without a file nothing is config-managed; with one, applyConfig records what it declares (config-managed.ts).
    if (!config) await forgetDeclaredEntries(store);

    const metrics = createMetrics();
    const tls = settings.tlsCert && settings.tlsKey ? await loadTlsFiles(settings.tlsCert, settings.tlsKey) : undefined;
    const scheme = tls ? 'https' : 'http';
    // Paired phones' device tokens sign in wherever a login token does.
    // Sign-in and sign-out are audited by the audited sign-in (wire-audit.ts); phones' revocations here.
    // API tokens (`klx_…`) resolve to scoped sessions (wire-tokens.ts).
    const apiTokens = createTokenFeatures({ store, clock, audit, log });
    // Local accounts may have a TOTP second factor, its secret sealed with KLAXON_SECRET_KEY.
    const twoFactor = createTwoFactor({ store, clock, box: createSecretBox(settings.secretKey), audit });
    const accounts = apiTokens.accounts(withDeviceTokens(
      createAccounts({ store, clock, tokenTtlSeconds: settings.tokenTtlSeconds, secondFactor: twoFactor }),
      createDeviceAuth({ store, clock }),
      audit,
    ));
    const audited = createAuditFeatures({ store, clock, settings, accounts, audit });
    const sso = await createSsoFeatures({ store, clock, audit, settings, ends: accounts.ends, oidc: config?.auth?.oidc });
    const app = await createHttpServer({
      accounts,
      signIn: audited.signIn,
      metrics,
      log,
      ping: () => store.ping(),
      rendererDir: deps.rendererDir ?? DEFAULT_RENDERER_DIR,
      tls,
      metricsToken: settings.metricsToken,
    });
    audited.register(app);
    apiTokens.register(app);
    sso.register(app);
    registerUserAdminRoutes(app, { users: createUserAdmin({ store, clock, ends: accounts.ends, audit }) });
    registerTwoFactorRoutes(app, { twoFactor, store });
    registerConfigRoutes(app, { upload: createConfigUpload({ store, clock, audit }) });
    const sockets = createSocketServer({
      httpServer: app.server,
      accounts,
      metrics,
      log,
      clock,
      rateLimiter: createSocketRateLimiter({ limits: socketRateLimits(settings.socketRate), now: () => performance.now() }),
    });
    const closeRedis = settings.redisUrl ? await useRedisAdapter(sockets.io, settings.redisUrl, log) : undefined;
    const features = await wireIncidentFeatures({ app, sockets, store, clock, log, metrics, settings, audit, connectwise: config ? (config.connectwise ?? []) : undefined, postmortemRules: config?.postmortems?.rules ?? demoConfig?.postmortems?.rules, intelRules: config?.intel?.rules, slack: config?.slack, twilio: config?.channels?.twilio, teamsChannels: config?.microsoftTeams?.channels });
    wireAdminFeatures({ app, store, clock, audit, ends: accounts.ends, intake: features.intake });
    // Due work and SMTP stop first; then sockets, so the HTTP server's close is not held open by them.
    app.addHook('preClose', async () => {
      await features.stop();
      sockets.disconnectAll();
    });
    app.addHook('onClose', async () => {
      await sockets.close();
      await closeRedis?.();
    });

    try {
      await app.listen({ host: settings.host, port: settings.port });
    } catch (error) {
      await app.close();
      throw new Error(`cannot listen on ${urlOf(settings.host, settings.port, scheme)}`, { cause: error });
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : settings.port;
    const url = urlOf(settings.host, port, scheme);
    sso.start(url);
    try {
      await features.start(url);
    } catch (error) {
      await app.close();
      throw error;
    }
    // The living NOC of KLAXON_DEMO=1: simulated phones, a seeded history, live incidents, an alert stream.
    if (settings.demo) demo = await startDemo({ store, clock, log, url, commands: features.demoCommands, alertStream: deps.demoAlertStream });
    // After the demo paired its simulated phones, so that the warning names only people truly out of reach.
    features.warnUnreachable();

    let closing: Promise<void> | undefined;
    const close = () =>
      (closing ??= (async () => {
        await demo?.stop();
        // In-flight requests get this long to finish before their connections are cut.
        const cut = setTimeout(() => app.server.closeAllConnections(), CLOSE_GRACE_MS).unref();
        await app.close().finally(() => clearTimeout(cut));
        if (ownsStore) await store.close();
      })());
    const reload = async () => {
      if (!settings.tlsCert || !settings.tlsKey) return false;
      reloadTls(app.server, await loadTlsFiles(settings.tlsCert, settings.tlsKey));
      return true;
    };
    return { url, port, app, sockets, store, metrics, reloadTls: reload, close };
  } catch (error) {
    await demo?.stop();
    if (ownsStore) await store.close().catch(() => undefined);
    throw error;
  }
}
