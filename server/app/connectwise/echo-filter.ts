import type { AlertInput } from '../../../shared/schemas/alert.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import { releaseJob } from '../intake/deferral.js';
import type { IngestResult } from '../intake/ingest-alerts.js';
import type { IntakeService } from '../intake/intake-service.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { IntegrationRecord } from '../ports/store.js';
import { CONNECTWISE_ACTOR_ID } from './sync-outbox.js';

/** What the callback filter needs. */
export interface ConnectWiseEchoDeps extends CommitDeps {
  clock: Clock;
  lifecycle: IncidentLifecycle;
}

/**
 * Wraps the intake so that ConnectWise callbacks about tickets Klaxon writes to do not loop: a
 * callback whose status is the one Klaxon last wrote is its own change echoed, and is ignored; a
 * callback about a ticket Klaxon created never opens a second incident — when it tells that a
 * technician closed the ticket, the incident it belongs to is resolved (once) instead. Other
 * integrations and other tickets pass untouched.
 */
export function withConnectWiseEchoFilter(intake: IntakeService, deps: ConnectWiseEchoDeps): IntakeService {
  const resolveFromTicket = (incidentId: string, ticketId: number) =>
    commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const incident = await changes.tx.getIncident(incidentId);
      if (!incident || incident.status === 'resolved') return false;
      const resolved = await changes.tx.updateIncident(incidentId, { status: 'resolved', resolvedAt: changes.now.toISOString(), deferredUntil: null });
      await changes.tx.deleteJob(releaseJob.id(incidentId));
      await changes.timeline(incidentId, 'incident.resolved', { type: 'source', id: CONNECTWISE_ACTOR_ID }, { via: 'connectwise', ticketId });
      changes.updated(await deps.lifecycle.resolved(changes, resolved ?? incident));
      return true;
    });

  const ingest = async (integration: IntegrationRecord, alerts: readonly AlertInput[]): Promise<IngestResult[]> => {
    if (integration.type !== 'connectwise') return intake.ingest(integration, alerts);
    const results: (IngestResult | undefined)[] = [];
    const passed: AlertInput[] = [];
    for (const alert of alerts) {
      const ticketId = alert.externalRef && /^\d{1,15}$/.test(alert.externalRef) ? Number(alert.externalRef) : undefined;
      const ticket = ticketId === undefined ? undefined : await deps.store.findConnectWiseTicket(ticketId);
      const status = alert.labels?.status;
      if (!ticket || ticketId === undefined) {
        passed.push(alert);
        results.push(undefined);
      } else if (status !== undefined && status === ticket.lastStatus) {
        results.push({ dedupKey: alert.dedupKey ?? '', incidentId: ticket.incidentId, outcome: 'ignored' });
      } else if (ticket.origin === 'connectwise') {
        passed.push(alert);
        results.push(undefined);
      } else {
        // A deleted ticket (no status) leaves Klaxon's incident alone; a closed one resolves it.
        const closed = alert.action === 'resolve' && status !== undefined && (await resolveFromTicket(ticket.incidentId, ticketId));
        results.push({ dedupKey: alert.dedupKey ?? '', incidentId: ticket.incidentId, outcome: closed ? 'resolved' : 'ignored' });
      }
    }
    const ingested = passed.length > 0 ? await intake.ingest(integration, passed) : [];
    let next = 0;
    return results.map((result) => result ?? ingested[next++]!);
  };

  return { ...intake, ingest };
}
