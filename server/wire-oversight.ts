import type { FastifyInstance } from 'fastify';
import { createTokenService } from './app/accounts/tokens.js';
import { createPolicyService } from './app/policies/policy-service.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { createWallboardTokens } from './app/stats/wallboard-tokens.js';
import type { Settings } from './settings.js';
import { registerPolicyRoutes } from './transport/http/routes/policy-routes.js';
import { registerStatsRoutes } from './transport/http/routes/stats-routes.js';

/**
 * Wires the oversight features onto the relay: the escalation policy API (editor and preview) and the
 * wallboard API (statistics and wallboard tokens). Registers routes at once (before `listen`).
 */
export function wireOversightFeatures(deps: { app: FastifyInstance; store: Store; clock: Clock; settings: Settings; audit?: AuditTrail }): void {
  const { app, store, clock, settings, audit } = deps;
  registerPolicyRoutes(app, { policies: createPolicyService({ store, clock, audit }) });
  const userTokens = createTokenService({ store, clock, ttlSeconds: settings.tokenTtlSeconds });
  registerStatsRoutes(app, {
    store,
    clock,
    tokens: createWallboardTokens({ store, clock, audit }),
    authenticateUser: (token) => userTokens.authenticate(token),
  });
}
