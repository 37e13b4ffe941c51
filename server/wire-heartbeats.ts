import type { FastifyInstance } from 'fastify';
import type { Metrics } from './adapters/metrics/create-metrics.js';
import { withHeartbeatMail } from './app/heartbeats/heartbeat-mail.js';
import { deadlineJob } from './app/heartbeats/heartbeat-jobs.js';
import { createHeartbeatMonitor } from './app/heartbeats/heartbeat-monitor.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { IntakeService } from './app/intake/intake-service.js';
import type { JobHandler } from './app/jobs/job-runner.js';
import type { Clock } from './app/ports/clock.js';
import { registerHeartbeatRoutes } from './transport/http/routes/heartbeat-routes.js';

/** What the heartbeat features need from the relay. */
export interface HeartbeatFeatureDeps {
  app: FastifyInstance;
  commit: CommitDeps;
  clock: Clock;
  metrics: Metrics;
  /** The intake missed heartbeats go through (priority rules, clients, escalation). */
  intake: IntakeService;
}

/** The running heartbeat features. */
export interface HeartbeatFeatures {
  /** The job handlers to add to the relay's job runner. */
  readonly handlers: Record<string, JobHandler>;
  /** The intake for the SMTP server: mail to a heartbeat integration's key is a ping. */
  mailIntake(intake: IntakeService): IntakeService;
  /** Run before the job runner starts: deadlines missed while no relay was alive become `relay-down`. */
  start(): Promise<number>;
  /** Run after the job runner stopped: notes when this relay stopped. */
  stop(): Promise<void>;
}

/**
 * Wires the heartbeat monitors onto the relay (issue 18): the ping routes and the heartbeat list,
 * the deadline job handler, mail pings, and the check after a downtime. Registers routes at once
 * (before `listen`).
 */
export async function wireHeartbeatFeatures(deps: HeartbeatFeatureDeps): Promise<HeartbeatFeatures> {
  const monitor = createHeartbeatMonitor({ ...deps.commit, clock: deps.clock, intake: deps.intake });
  await registerHeartbeatRoutes(deps.app, { intake: deps.intake, monitor, store: deps.commit.store, metrics: deps.metrics });
  return {
    handlers: { [deadlineJob.kind]: monitor.deadlineHandler },
    mailIntake: (intake) => withHeartbeatMail(intake, monitor),
    start: () => monitor.recoverAfterDowntime(),
    stop: () => monitor.noteStopped(),
  };
}
