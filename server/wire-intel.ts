import type { FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import type { IntelMatchedPush } from '../shared/socket-events.js';
import type { IndicatorMatch, IntelPriorityRule } from '../shared/schemas/intel.js';
import type { Log } from './adapters/log/create-logger.js';
import type { Metrics } from './adapters/metrics/create-metrics.js';
import type { IncidentFeed } from './app/feed/incident-feed.js';
import { createIntelDirectory, type IntelDirectory } from './app/intel/intel-directory.js';
import { createIntelMatcher, type IntelMatcher } from './app/intel/intel-matcher.js';
import { createIntelService, type IntelService } from './app/intel/intel-service.js';
import type { AuditTrail } from './app/ports/audit.js';
import type { Clock } from './app/ports/clock.js';
import type { IncidentLifecycle } from './app/ports/incident-lifecycle.js';
import type { Store } from './app/ports/store.js';
import { registerIntelRoutes } from './transport/http/routes/intel-routes.js';
import type { ConsoleNamespace } from './transport/socket/create-socket-server.js';

/** What the threat-intelligence features need from the relay. */
export interface IntelFeatureDeps {
  app: FastifyInstance;
  console: ConsoleNamespace;
  store: Store;
  clock: Clock;
  log: Log;
  metrics: Pick<Metrics, 'registry'>;
  feed: IncidentFeed;
  lifecycle: IncidentLifecycle;
  /** The config file's `intel.rules` (none without a config file). */
  rules?: readonly IntelPriorityRule[];
  audit?: AuditTrail;
}

/** The threat-intelligence features other features use: ingest's matcher and the indicators in memory. */
export interface IntelFeatures {
  readonly service: IntelService;
  readonly directory: IntelDirectory;
  readonly matcher: IntelMatcher;
}

/**
 * Wires the threat-intelligence database onto the relay (issue 15): the indicators API with import
 * and export, the in-memory index ingest matches alerts against (read now, after every write on
 * this relay, and every 30 seconds for other relays' writes), the matcher with its counters
 * (`klaxon_intel_matches_total`, `klaxon_intel_match_errors_total`), and an `intel:matched` push to
 * signed-in threat researchers' consoles after a match commits. Registers routes at once.
 */
export async function wireIntelFeatures(deps: IntelFeatureDeps): Promise<IntelFeatures> {
  const { store, clock, log } = deps;
  const registers = [deps.metrics.registry];
  const matched = new Counter({ name: 'klaxon_intel_matches_total', help: 'Indicator matches recorded on ingest.', registers });
  const failed = new Counter({ name: 'klaxon_intel_match_errors_total', help: 'Matcher failures on ingest (the alert was committed without its matches).', registers });
  const directory = createIntelDirectory({ store, clock, onError: (error) => log.warn({ err: error }, 'reading threat-intelligence indicators failed') });
  await directory.refresh();
  const rules = deps.rules ?? [];
  const matcher = createIntelMatcher({
    directory,
    rules: () => rules,
    lifecycle: deps.lifecycle,
    onError: (error, incidentId) => {
      failed.inc();
      log.error({ err: error, incidentId }, 'threat-intelligence matching failed; the alert is kept without it');
    },
    onMatched: (count) => matched.inc(count),
  });
  const service = createIntelService({ store, clock, audit: deps.audit, onChanged: () => directory.refresh() });
  await registerIntelRoutes(deps.app, { intel: service });

  deps.feed.subscribe((change) => {
    if (change.type !== 'timeline:appended' || change.event.type !== 'intel.matched') return;
    const push: IntelMatchedPush = { incidentId: change.event.incidentId, at: change.event.at, matches: change.event.data.matches as IndicatorMatch[] };
    void notifyResearchers(deps, push).catch((error: unknown) => log.warn({ err: error }, 'intel:matched push failed'));
  });
  return { service, directory, matcher };
}

/** Sends the push to every signed-in threat researcher's console (on any relay), unless the incident is confidential. */
async function notifyResearchers(deps: IntelFeatureDeps, push: IntelMatchedPush): Promise<void> {
  const incident = await deps.store.getIncident(push.incidentId);
  if (!incident || incident.confidential) return;
  for (const socket of await deps.console.fetchSockets()) {
    if (socket.data.user?.role === 'threat-researcher') socket.emit('intel:matched', push);
  }
}
