import type { FastifyInstance } from 'fastify';
import type { ConnectWiseConnectionConfig } from '../shared/schemas/connectwise.js';
import { createConnectWiseClient } from './adapters/connectwise/connectwise-client.js';
import { createSecretBox } from './adapters/connectwise/secret-box.js';
import type { Log } from './adapters/log/create-logger.js';
import { createAddressGuard } from './adapters/outbound/address-guard.js';
import { createOutboundFetch } from './adapters/outbound/outbound-fetch.js';
import type { ClientCompanies } from './app/connectwise/client-company.js';
import { applyConnectWiseConfig } from './app/connectwise/config-connections.js';
import { createConnectWiseConnections } from './app/connectwise/connections.js';
import { withConnectWiseEchoFilter } from './app/connectwise/echo-filter.js';
import { createConnectWiseSyncHandler } from './app/connectwise/sync-handler.js';
import { connectWiseJob, createConnectWiseOutbox } from './app/connectwise/sync-outbox.js';
import { createConnectWiseStatus } from './app/connectwise/sync-status.js';
import type { CommitDeps } from './app/incidents/change-set.js';
import type { IntakeService } from './app/intake/intake-service.js';
import type { JobHandler } from './app/jobs/job-runner.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { IncidentLifecycle } from './app/ports/incident-lifecycle.js';
import type { Store } from './app/ports/store.js';
import type { Settings } from './settings.js';
import { registerConnectWiseRoutes } from './transport/http/routes/connectwise-routes.js';

/** What the ConnectWise features need from the relay. */
export interface ConnectWiseFeatureDeps {
  app: FastifyInstance;
  commit: CommitDeps;
  clock: Clock;
  log: Log;
  settings: Settings;
  lifecycle: IncidentLifecycle;
  /** The link to an incident in Klaxon (the relay's public URL when set). */
  incidentUrl: (incidentId: string) => string;
  /** The config file's connections, applied at start (none without a config file). */
  config?: readonly ConnectWiseConnectionConfig[];
  audit?: AuditTrail;
  /** Where keys named by environment variables are read; `process.env` by default. */
  env?: Record<string, string | undefined>;
}

/** The wired ConnectWise features: the sync job's handler, the intake's callback filter, and stop. */
export interface ConnectWiseFeatures {
  handlers: Record<string, JobHandler>;
  /** Wraps the intake so ConnectWise callbacks that echo Klaxon's own writes do not loop. */
  filterIntake(intake: IntakeService): IntakeService;
  /** Resolves once every incident change heard so far has been queued (tests). */
  idle(): Promise<void>;
  stop(): void;
}

/** The ConnectWise company of a client, from the clients' store (none once the client is deleted). */
function clientCompaniesOf(store: Store): ClientCompanies {
  return async (clientId) => {
    const record = await store.getClientRecord(clientId);
    return record && !record.deletedAt ? record.client.connectwise : undefined;
  };
}

/**
 * Wires ConnectWise Manage: applies the config file's connections, registers the connections and
 * sync API, listens to the incident feed for what to send, and builds the sync job's handler over
 * the relay's one outbound fetch (address guard `KLAXON_OUTBOUND_ALLOW`).
 */
export async function wireConnectWiseFeatures(deps: ConnectWiseFeatureDeps): Promise<ConnectWiseFeatures> {
  const { commit, clock, log, settings } = deps;
  const env = deps.env ?? process.env;
  if (deps.config) log.info({ connectwise: await applyConnectWiseConfig(commit.store, deps.config) }, 'connectwise connections applied');
  const box = createSecretBox(settings.secretKey);
  const api = createConnectWiseClient({ fetch: createOutboundFetch({ guard: createAddressGuard(settings.outboundAllow ?? []), log }) });
  const status = createConnectWiseStatus({ ...commit, clock });
  const connections = createConnectWiseConnections({
    store: commit.store,
    clock,
    box,
    env,
    audit: deps.audit,
    onSaved: (connectionId) => status.retryConnection(connectionId),
    onChanged: () => outbox.connectionsChanged(),
  });
  registerConnectWiseRoutes(deps.app, { store: commit.store, connections, status });
  const outbox = createConnectWiseOutbox({
    ...commit,
    clock,
    box,
    env,
    incidentUrl: deps.incidentUrl,
    onError: (error) => log.error({ err: error }, 'connectwise: queueing a call failed'),
  });
  const handler = createConnectWiseSyncHandler({ ...commit, clock, api, box, env, clientCompanies: clientCompaniesOf(commit.store) });
  return {
    handlers: { [connectWiseJob.kind]: handler },
    filterIntake: (intake) => withConnectWiseEchoFilter(intake, { ...commit, clock, lifecycle: deps.lifecycle }),
    idle: () => outbox.idle(),
    stop: () => outbox.stop(),
  };
}
