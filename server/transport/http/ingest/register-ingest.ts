import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../../adapters/metrics/create-metrics.js';
import type { IntakeService } from '../../../app/intake/intake-service.js';
import type { Clock } from '../../../app/ports/clock.js';
import { registerEventsV2Route } from './events-v2-route.js';
import { installIngestBodyParser } from './ingest-body.js';
import { registerIntegrationRoutes } from './integration-routes.js';

/**
 * Registers the ingest endpoints in their own scope, with a strict UTF-8 JSON parser for any content
 * type; the rest of the app keeps Fastify's parsers.
 */
export async function registerIngest(app: FastifyInstance, deps: { intake: IntakeService; metrics: Metrics; clock: Clock }): Promise<void> {
  await app.register(async (scope) => {
    installIngestBodyParser(scope);
    registerEventsV2Route(scope, deps);
    registerIntegrationRoutes(scope, deps);
  });
}
