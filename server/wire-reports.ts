import type { FastifyInstance } from 'fastify';
import type { Clock } from './app/ports/clock.js';
import type { Store } from './app/ports/store.js';
import { createReportService } from './app/reports/report-service.js';
import { registerReportRoutes } from './transport/http/routes/report-routes.js';

/** What the reports need from the relay. */
export interface ReportFeatureDeps {
  app: FastifyInstance;
  store: Store;
  clock: Clock;
}

/**
 * Wires the reports onto the relay (issue 14): `GET /api/v1/reports/summary` and its CSV and JSON
 * downloads. Reads only; registers routes at once (before `listen`).
 */
export function wireReportFeatures(deps: ReportFeatureDeps): void {
  registerReportRoutes(deps.app, { reports: createReportService({ store: deps.store, clock: deps.clock }) });
}
