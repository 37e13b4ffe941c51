import fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { TlsFiles } from './tls-files.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Metrics } from '../../adapters/metrics/create-metrics.js';
import type { Accounts } from '../../app/accounts/accounts.js';
import type { SignIn } from '../../app/accounts/sign-in.js';
import { installBearerAuth } from './auth.js';
import { installDesktopCors } from './desktop-cors.js';
import { installRefusedBodyDrain } from './drain-refused-body.js';
import { registerConsole } from './console-static.js';
import { installErrorHandler } from './http-error.js';
import { registerAuthRoutes } from './routes/auth-routes.js';
import { registerOpsRoutes } from './routes/ops-routes.js';
import { installSecurityHeaders } from './security-headers.js';

/** The default largest request body: 512 KB. */
export const DEFAULT_BODY_LIMIT = 512 * 1024;

/** What the HTTP transport needs. */
export interface HttpServerDeps {
  accounts: Accounts;
  /** Throttled, audited password sign-in; plain sign-in over `accounts` when absent. */
  signIn?: SignIn;
  metrics: Metrics;
  log: Log;
  /** Answers when the store answers (for `/health`). */
  ping: () => Promise<void>;
  /** Where the built console lives (`dist/renderer`). */
  rendererDir: string;
  bodyLimit?: number;
  /** The certificate and key to serve HTTPS (and WSS) with; plain HTTP without them. */
  tls?: TlsFiles | undefined;
  /** A bearer token `/metrics` asks for; open without it. */
  metricsToken?: string | undefined;
}

/**
 * Builds the relay's Fastify app (not yet listening): ops routes, the auth API, the bearer-token
 * hook, JSON error answers, request metrics by route pattern, and the console. Later features add
 * their routes to the returned app before `listen`.
 */
export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const app = fastify({
    loggerInstance: deps.log as FastifyBaseLogger,
    // Fastify's own request lines carry raw URLs, which can hold integration keys; ours log the route pattern.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    // With TLS the server is an https.Server (its setSecureContext swaps the certificate on SIGHUP);
    // Fastify's types know one server kind per instance, and the routes do not care which.
    ...(deps.tls ? { https: { cert: deps.tls.cert, key: deps.tls.key } } : {}),
  });

  // Answers finished while closing tell keep-alive clients to go, or close would wait for their idle timeout.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? '(unmatched)';
    const status = String(reply.statusCode);
    deps.metrics.httpRequests.inc({ route, status });
    request.log.debug({ method: request.method, route, status: reply.statusCode, ms: Math.round(reply.elapsedTime) }, 'request');
  });

  installErrorHandler(app);
  installRefusedBodyDrain(app);
  installSecurityHeaders(app, { hsts: deps.tls !== undefined });
  installDesktopCors(app);
  installBearerAuth(app, deps.accounts);
  registerOpsRoutes(app, { ping: deps.ping, metrics: deps.metrics, metricsToken: deps.metricsToken });
  registerAuthRoutes(app, { accounts: deps.accounts, signIn: deps.signIn });
  await registerConsole(app, deps.rendererDir);
  return app;
}
