import type { FastifyInstance } from 'fastify';
import type { Log } from './adapters/log/create-logger.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { JobHandler } from './app/jobs/job-runner.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import { createSnoozeEndHandler, type StartNewRun } from './app/snooze/snooze-end-handler.js';
import { snoozeEndJob } from './app/snooze/snooze-jobs.js';
import { createSnoozeService } from './app/snooze/snooze-service.js';
import { registerSnoozeRoutes } from './transport/http/routes/snooze-routes.js';
import type { ConsoleNamespace, DeviceNamespace } from './transport/socket/create-socket-server.js';
import { attachSnoozeGateway } from './transport/socket/snooze-gateway.js';

/** What the snooze features need from the relay. */
export interface SnoozeFeatureDeps {
  app: FastifyInstance;
  console: ConsoleNamespace;
  device: DeviceNamespace;
  commit: CommitDeps;
  clock: Clock;
  log: Log;
  /** The escalator's new run (`escalator.startNewRunIn`). */
  startNewRun: StartNewRun;
  audit?: AuditTrail;
}

/**
 * Wires snooze onto the relay (issue 18): the snooze API, the console's `incident:snooze` and
 * `incident:unsnooze` commands, and the durable `incident.snooze-end` job that triggers the incident
 * again and re-pages from the first level. Registers routes at once (before `listen`). Resolving ends
 * a snooze through the lifecycle (`withSnoozeEnding`), acknowledging again through the incident actions.
 */
export function wireSnoozeFeatures(deps: SnoozeFeatureDeps): { handlers: Record<string, JobHandler> } {
  const { commit, clock, audit } = deps;
  const snooze = createSnoozeService({ ...commit, clock, audit });
  registerSnoozeRoutes(deps.app, { snooze });
  attachSnoozeGateway(deps.console, { snooze, log: deps.log });
  attachSnoozeGateway(deps.device, { snooze, log: deps.log });
  return { handlers: { [snoozeEndJob.kind]: createSnoozeEndHandler({ ...commit, clock, audit, startNewRun: deps.startNewRun }) } };
}
