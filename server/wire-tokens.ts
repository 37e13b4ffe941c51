import type { FastifyInstance } from 'fastify';
import type { Accounts } from './app/accounts/accounts.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { createApiTokenService, type ApiTokenService } from './app/tokens/api-token-service.js';
import { createTokenUsage, type TokenUsage } from './app/tokens/token-usage.js';
import { withApiTokens } from './app/tokens/with-api-tokens.js';
import type { Log } from './adapters/log/create-logger.js';
import { registerOpenApiRoute } from './transport/http/openapi/openapi-route.js';
import { registerTokenRoutes } from './transport/http/routes/token-routes.js';

/** What the API token features need from the relay. */
export interface TokenFeatureDeps {
  store: Store;
  clock: Clock;
  audit: AuditTrail;
  log: Log;
}

/** The API token features: the accounts wrapper (before the HTTP server), then the routes and hooks. */
export interface TokenFeatures {
  readonly tokens: ApiTokenService;
  readonly usage: TokenUsage;
  /** The accounts that know API tokens too. */
  accounts(inner: Accounts): Accounts;
  /** Registers the tokens API, the OpenAPI description and the use recorder (before `listen`). */
  register(app: FastifyInstance): void;
}

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Wires API tokens onto the relay (issue 18): `klx_…` bearer tokens resolve to scoped sessions,
 * `/api/v1/tokens` manages them, `GET /api/v1/openapi.json` describes the API, and every request
 * made with a token is recorded as an `api-token.used` audit event (writes before their answer is
 * sent, reads batched; see `token-usage.ts`), flushed on close.
 */
export function createTokenFeatures(deps: TokenFeatureDeps): TokenFeatures {
  const tokens = createApiTokenService(deps);
  const usage = createTokenUsage({
    store: deps.store,
    clock: deps.clock,
    audit: deps.audit,
    onError: (error) => deps.log.error({ err: error }, 'API token uses could not be recorded'),
  });
  return {
    tokens,
    usage,
    accounts: (inner) => withApiTokens(inner, tokens),
    register(app) {
      registerTokenRoutes(app, { tokens });
      registerOpenApiRoute(app);
      app.addHook('onSend', async (request, reply, payload) => {
        const session = request.session;
        if (session?.kind !== 'api-token' || !session.apiToken) return payload;
        const write = !READS.has(request.method);
        const recorded = usage.record({
          tokenId: session.apiToken.id,
          actorId: session.user.id,
          method: request.method,
          route: request.routeOptions.url ?? '(unknown route)',
          status: reply.statusCode,
          address: request.ip,
          write,
        });
        // A write's use is committed before its answer goes out; a read's waits for the next batch.
        if (write) await recorded;
        return payload;
      });
      app.addHook('onClose', async () => {
        await usage.close();
      });
    },
  };
}
