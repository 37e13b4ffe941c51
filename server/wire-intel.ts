import type { FastifyInstance } from 'fastify';
import { createIntelService, type IntelService } from './app/intel/intel-service.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { registerIntelRoutes } from './transport/http/routes/intel-routes.js';

/** What the threat-intelligence features need from the relay. */
export interface IntelFeatureDeps {
  app: FastifyInstance;
  store: Store;
  clock: Clock;
  audit?: AuditTrail;
}

/** The threat-intelligence features other features use. */
export interface IntelFeatures {
  readonly service: IntelService;
}

/**
 * Wires the threat-intelligence database onto the relay (issue 15): the indicators API with import
 * and export. Registers routes at once (before `listen`).
 */
export async function wireIntelFeatures(deps: IntelFeatureDeps): Promise<IntelFeatures> {
  const service = createIntelService({ store: deps.store, clock: deps.clock, audit: deps.audit });
  await registerIntelRoutes(deps.app, { intel: service });
  return { service };
}
