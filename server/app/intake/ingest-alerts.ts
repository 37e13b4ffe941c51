import { isHttpLink } from '../../../shared/safe-link.js';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import type { Metrics } from '../../adapters/metrics/create-metrics.js';
import type { ChangeSet, CommitDeps } from '../incidents/change-set.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { IntegrationRecord } from '../ports/store.js';
import { deferralReason, releaseJob } from './deferral.js';
import { commitGrouped, type GroupCommit } from '../incidents/group-commit.js';
import type { PriorityRules } from './priority-rules.js';
import type { MaintenanceGate } from '../maintenance/maintenance-gate.js';
import type { IntelMatcher } from '../intel/intel-matcher.js';
import { timeOrderedId } from '../ids/time-ordered-id.js';

/** How often ingest runs again when another relay opened the same incident at the same moment. */
const MAX_TRIES = 3;

/** What happened to one alert. */
export type IngestOutcome = 'opened' | 'folded' | 'acknowledged' | 'resolved' | 'ignored';

/** The result for one alert of a request: its dedup key, its incident and what happened. */
export interface IngestResult {
  dedupKey: string;
  incidentId: string | null;
  outcome: IngestOutcome;
}

/** What ingest needs. */
export interface IngestDeps extends CommitDeps {
  clock: Clock;
  metrics: Pick<Metrics, 'incidentsOpened' | 'dedupHits'>;
  lifecycle: IncidentLifecycle;
  priorityRules: PriorityRules;
  /** Commits ingests together (one fsync for many requests); without it each has its own transaction. */
  group?: GroupCommit;
  /** Holds back new incidents that a running maintenance window covers (none without it). */
  maintenance?: MaintenanceGate;
  /** Matches new alerts against live threat-intelligence indicators (none without it); never fails an ingest. */
  intel?: IntelMatcher;
}

/**
 * Folds alerts from one integration into incidents, all in ONE transaction: when this resolves, every
 * alert is committed (so the transport may answer 2xx), and consoles hear of the changes.
 */
export async function ingestAlerts(
  deps: IngestDeps,
  integration: IntegrationRecord,
  alerts: readonly AlertInput[],
): Promise<IngestResult[]> {
  let opened: Incident[] = [];
  const attempt = () => {
    const work = async (changes: ChangeSet) => {
      // Reset per run of `work`: the store runs it again after a PostgreSQL deadlock, and only the run
      // that committed may count the incidents it opened.
      opened = [];
      const out: IngestResult[] = [];
      for (const alert of alerts) {
        out.push(await ingestOne(deps, changes, integration, alert, opened));
      }
      return out;
    };
    return commitGrouped(deps, work);
  };
  let results: IngestResult[];
  for (let tries = 1; ; tries++) {
    try {
      results = await attempt();
      break;
    } catch (error) {
      // Another relay opened the same incident between our read and our insert: run again, and fold.
      if (tries >= MAX_TRIES || (error as Error).name !== 'StoreConflictError') throw error;
    }
  }
  for (const incident of opened) deps.metrics.incidentsOpened.inc({ priority: incident.priority });
  deps.metrics.dedupHits.inc(results.filter((r) => r.outcome === 'folded').length);
  return results;
}

async function ingestOne(
  deps: IngestDeps,
  changes: ChangeSet,
  integration: IntegrationRecord,
  alert: AlertInput,
  opened: Incident[],
): Promise<IngestResult> {
  const { tx, now } = changes;
  const source: Actor = { type: 'source', id: integration.type };
  const open = await tx.findOpenIncident(integration.serviceId, alert.dedupKey);
  const result = (outcome: IngestOutcome, incident: Incident | undefined): IngestResult => ({
    dedupKey: alert.dedupKey,
    incidentId: incident?.id ?? null,
    outcome,
  });

  if (alert.action !== 'trigger') {
    if (!open) return result('ignored', undefined);
    await storeAlert(tx, integration, open.id, alert, now);
    if (alert.action === 'acknowledge') {
      if (open.status !== 'triggered') return result('ignored', open);
      const acked = await tx.updateIncident(open.id, { status: 'acknowledged', acknowledgedAt: now.toISOString() });
      await changes.timeline(open.id, 'incident.acknowledged', source, { via: integration.type });
      changes.updated(await deps.lifecycle.acknowledged(changes, acked ?? open));
      return result('acknowledged', open);
    }
    const resolved = await tx.updateIncident(open.id, {
      status: 'resolved',
      resolvedAt: now.toISOString(),
      deferredUntil: null,
    });
    await tx.deleteJob(releaseJob.id(open.id));
    await changes.timeline(open.id, 'incident.resolved', source, { via: integration.type });
    changes.updated(await deps.lifecycle.resolved(changes, resolved ?? open));
    return result('resolved', open);
  }

  if (open) {
    let folded = await tx.updateIncident(open.id, {
      alertCount: open.alertCount + 1,
      lastSeenAt: now.toISOString(),
      links: mergeLinks(open.links, safeLinks(alert.links)),
    });
    await storeAlert(tx, integration, open.id, alert, now);
    // The record is complete: every duplicate is on the timeline (the detail view collapses runs of them).
    await changes.timeline(open.id, 'alert.folded', source, { via: integration.type, alertCount: open.alertCount + 1 });
    // A window held this incident and has ended, and the problem goes on: it pages now.
    if (folded && deps.maintenance) folded = (await deps.maintenance.foldedOutside(changes, folded, { serviceId: open.serviceId, clientId: open.clientId ?? null, labels: alert.labels })) ?? folded;
    if (folded && deps.intel) folded = await deps.intel.record(changes, folded, deps.intel.scan(alert, now), true);
    if (folded) changes.updated(folded);
    return result('folded', open);
  }

  const service = await tx.getService(integration.serviceId);
  const team = service ? await tx.getTeam(service.team) : undefined;
  if (!service || !team) throw new Error(`integration ${integration.id} points at a missing service or team`);
  const decision = await deps.priorityRules.decide(tx, { service, team, integrationType: integration.type, alert, now });
  let { priority, releaseAt, rule } = decision;
  // A live indicator in the alert may raise its priority by the intel rules (and so page now).
  const intel = deps.intel?.scan(alert, now) ?? [];
  const raised = deps.intel?.raise(intel, priority);
  if (raised) {
    ({ priority, rule } = raised);
    if (priority === 'high' || (priority === 'medium' && service.pageMediumNow)) releaseAt = null;
  }
  // Inside a running maintenance window the incident is stored as usual but its escalation waits for the window's end.
  const heldBy = await deps.maintenance?.windowFor(tx, { serviceId: service.id, clientId: decision.clientId, labels: alert.labels }, now);
  let incident = await tx.insertIncident({
    id: timeOrderedId(),
    serviceId: service.id,
    teamId: team.id,
    dedupKey: alert.dedupKey,
    status: 'triggered',
    priority,
    severity: alert.severity,
    summary: alert.summary,
    source: alert.source,
    alertCount: 1,
    firstSeenAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    acknowledgedAt: null,
    resolvedAt: null,
    deferredUntil: releaseAt?.toISOString() ?? null,
    escalation: releaseAt || heldBy ? 'deferred' : 'none',
    triageVerdict: null,
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: safeLinks(alert.links),
    externalRef: alert.externalRef ?? null,
    clientId: decision.clientId,
    ...(heldBy ? { suppressedBy: heldBy } : {}),
  }, rule);
  await storeAlert(tx, integration, incident.id, alert, now);
  await changes.timeline(incident.id, 'incident.opened', source, {
    via: integration.type,
    priority,
    severity: alert.severity,
    summary: alert.summary,
    // The post-mortem digest and reports read which rule set the priority (absent: the severity default).
    ...(rule === null ? {} : { rule }),
  });
  if (heldBy) {
    await deps.maintenance!.suppressed(changes, incident, heldBy);
  } else if (releaseAt) {
    await changes.schedule(releaseJob.make(incident.id, releaseAt));
    await changes.timeline(incident.id, 'incident.deferred', { type: 'system', id: null }, {
      until: releaseAt.toISOString(),
      reason: deferralReason(priority, decision.hours),
    });
  } else {
    const policy = await tx.getPolicy(service.policy);
    if (!policy) throw new Error(`service ${service.id} points at missing policy ${service.policy}`);
    incident = await deps.lifecycle.escalate(changes, incident, policy);
  }
  if (deps.intel) incident = await deps.intel.record(changes, incident, intel, false);
  changes.created(incident);
  opened.push(incident);
  return result('opened', incident);
}

async function storeAlert(
  tx: ChangeSet['tx'],
  integration: IntegrationRecord,
  incidentId: string,
  alert: AlertInput,
  now: Date,
): Promise<void> {
  await tx.insertAlert({
    id: timeOrderedId(),
    incidentId,
    serviceId: integration.serviceId,
    integrationType: integration.type,
    action: alert.action,
    dedupKey: alert.dedupKey,
    summary: alert.summary,
    severity: alert.severity,
    source: alert.source,
    receivedAt: now.toISOString(),
    payload: alert.payload ?? null,
  });
}

// Every source's parser keeps only http(s) links already; this holds the line for any new source.
function safeLinks(links: AlertInput['links']): AlertInput['links'] {
  return links.filter((l) => isHttpLink(l.href));
}

function mergeLinks(existing: Incident['links'], added: AlertInput['links']): Incident['links'] {
  const seen = new Set(existing.map((l) => l.href));
  return [...existing, ...added.filter((l) => !seen.has(l.href))].slice(0, 50);
}
