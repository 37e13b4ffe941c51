import type { FastifyInstance } from 'fastify';
import { createBoundaryHandler } from './app/maintenance/boundary-handler.js';
import { createMaintenanceDirectory, type MaintenanceDirectory } from './app/maintenance/maintenance-directory.js';
import { createMaintenanceGate, type MaintenanceGate } from './app/maintenance/maintenance-gate.js';
import { boundaryJob } from './app/maintenance/maintenance-jobs.js';
import { createMaintenanceService, type MaintenanceService } from './app/maintenance/maintenance-service.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { JobHandler } from './app/jobs/job-runner.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { IncidentLifecycle } from './app/ports/incident-lifecycle.js';
import { registerMaintenanceRoutes } from './transport/http/routes/maintenance-routes.js';
import type { ConsoleNamespace } from './transport/socket/create-socket-server.js';

/** What the maintenance features need from the relay. */
export interface MaintenanceFeatureDeps {
  app: FastifyInstance;
  console: ConsoleNamespace;
  commit: CommitDeps;
  clock: Clock;
  lifecycle: IncidentLifecycle;
  audit?: AuditTrail;
}

/** The maintenance features other features use: ingest's gate, the windows in memory, and the boundary job's handler. */
export interface MaintenanceFeatures {
  readonly gate: MaintenanceGate;
  readonly directory: MaintenanceDirectory;
  readonly service: MaintenanceService;
  readonly handlers: Record<string, JobHandler>;
}

/**
 * Wires maintenance windows onto the relay (issue 18): the windows API, the in-memory windows ingest
 * checks alerts against, the boundary job that starts and ends windows (durable across restarts),
 * and a `maintenance:changed` push to every console after a write or a boundary. Registers routes at
 * once (before `listen`).
 */
export function wireMaintenanceFeatures(deps: MaintenanceFeatureDeps): MaintenanceFeatures {
  const { app, commit, clock, lifecycle, audit } = deps;
  const directory = createMaintenanceDirectory({ clock });
  const changed = () => {
    directory.invalidate();
    deps.console.emit('maintenance:changed');
  };
  const service = createMaintenanceService({ ...commit, clock, directory, lifecycle, audit, onChanged: changed });
  registerMaintenanceRoutes(app, { maintenance: service });
  return {
    gate: createMaintenanceGate({ directory, lifecycle, audit }),
    directory,
    service,
    handlers: { [boundaryJob.kind]: createBoundaryHandler({ ...commit, clock, lifecycle, audit, onChanged: changed }) },
  };
}
