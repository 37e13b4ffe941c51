import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import {
  type EscalationContext,
  type EscalationState,
  escalateNow,
  incidentAcknowledged,
  incidentResolved,
  pageRead,
  parseEscalationState,
  startEscalation,
  step,
  type StepResult,
} from '../../core/escalation/index.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import { type ApplyMetrics, applyStep } from './apply-step.js';
import { loadTargetResolver } from './target-resolver.js';

type EngineEvent = (state: EscalationState, policy: Policy, now: Date, ctx: EscalationContext) => StepResult;

/** What the escalator needs. */
export interface EscalatorDeps extends CommitDeps {
  clock: Clock;
  log: Log;
  metrics: ApplyMetrics & { pagesRead: { inc(): void } };
}

/**
 * The app layer around the pure escalation engine: it starts escalations (as the incident lifecycle),
 * feeds them acknowledgements, resolutions, page reads and "I can't take it", and runs the due
 * `escalation.step` rows. Every call loads the frozen policy snapshot and state, runs the engine and
 * applies its effects in the same transaction as the change that caused them.
 */
export function createEscalator(deps: EscalatorDeps) {
  const SYSTEM = { type: 'system' as const, id: null };

  const onEvent = async (changes: ChangeSet, incident: Incident, event: EngineEvent, requestedBy?: string): Promise<Incident> => {
    const record = await changes.tx.getEscalation(incident.id);
    if (!record) return incident;
    const parsed = parseEscalationState(record.state);
    if (!parsed.ok) {
      deps.log.error({ incidentId: incident.id, error: parsed.error }, 'stored escalation state is unreadable; left alone');
      return incident;
    }
    const ctx = await loadTargetResolver(changes.tx, record.policy);
    const result = event(parsed.state, record.policy, changes.now, ctx);
    return applyStep(changes, incident, record.policy, result, deps.metrics, requestedBy);
  };

  const lifecycle: IncidentLifecycle = {
    async escalate(changes, incident, policy) {
      const ctx = await loadTargetResolver(changes.tx, policy);
      await changes.timeline(incident.id, 'escalation.started', SYSTEM, {
        policy: policy.id,
        stopOn: policy.stopOn,
        levels: policy.levels.length,
        repeat: policy.repeat,
      });
      const result = startEscalation(
        policy,
        { priority: incident.priority, acknowledgedAt: incident.acknowledgedAt, resolvedAt: incident.resolvedAt },
        changes.now,
        ctx,
      );
      return applyStep(changes, incident, policy, result, deps.metrics);
    },
    acknowledged: (changes, incident) => onEvent(changes, incident, incidentAcknowledged),
    resolved: (changes, incident) => onEvent(changes, incident, incidentResolved),
  };

  /** Runs an incident's due escalation step (the `escalation.step` job). */
  const stepHandler: JobHandler = async (job) => {
    const incidentId = job.incidentId;
    if (!incidentId) return;
    await commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const incident = await changes.tx.getIncident(incidentId);
      if (!incident) return;
      const after = await onEvent(changes, incident, step);
      if (after.seq !== incident.seq) changes.updated(after);
    });
  };

  return {
    lifecycle,
    stepHandler,

    /**
     * Records that `userId` read page `pageId` (from the phone): the page turns read, the person's
     * other channels for it are cancelled, and the engine hears of it (stopOn read stops here).
     */
    async pageRead(userId: string, pageId: string): Promise<CommandResult<undefined>> {
      const result = await commitAndPublish(deps, deps.clock.now(), async (changes): Promise<CommandResult<boolean>> => {
        const page = await changes.tx.getPage(pageId);
        if (!page || page.userId !== userId) return { ok: false, error: { code: 'not_found', message: 'no such page', field: 'id' } };
        // The incident row first (PostgreSQL locks it), in the same order as every other incident change.
        const incident = await changes.tx.getIncident(page.incidentId);
        if (page.state === 'read') return { ok: true, value: false };
        const at = changes.now.toISOString();
        const read = await changes.tx.updatePage(page.id, { state: 'read', readAt: at, deliveredAt: page.deliveredAt ?? at });
        if (read) changes.page(read);
        for (const sibling of await changes.tx.listPages(page.incidentId)) {
          if (sibling.pageKey === page.pageKey && sibling.id !== page.id && sibling.state === 'queued') {
            const cancelled = await changes.tx.updatePage(sibling.id, { state: 'cancelled' });
            if (cancelled) changes.page(cancelled);
          }
        }
        await changes.timeline(page.incidentId, 'page.read', { type: 'user', id: userId }, { pageId, channel: page.channel, level: page.level });
        if (incident) {
          const after = await onEvent(changes, incident, (s, p, now, ctx) => pageRead(s, p, page.pageKey, now, ctx));
          if (after.seq !== incident.seq) changes.updated(after);
        }
        return { ok: true, value: true };
      });
      if (result.ok && result.value) deps.metrics.pagesRead.inc();
      return result.ok ? { ok: true, value: undefined } : result;
    },

    /** Records that a device received page `pageId` (the socket acknowledgement). */
    async pageDelivered(pageId: string): Promise<void> {
      await commitAndPublish(deps, deps.clock.now(), async (changes) => {
        const page = await changes.tx.getPage(pageId);
        if (!page || page.deliveredAt || page.state === 'read' || page.state === 'cancelled') return;
        await changes.tx.getIncident(page.incidentId); // lock order: incident before page (see pageRead)
        const at = changes.now.toISOString();
        const delivered = await changes.tx.updatePage(pageId, { state: 'delivered', deliveredAt: at, sentAt: page.sentAt ?? at });
        if (delivered) changes.page(delivered);
        await changes.timeline(page.incidentId, 'page.delivered', { type: 'user', id: page.userId }, { pageId, channel: page.channel });
      });
    },

    /** "I can't take it": the person moves the incident's escalation to the next level now. */
    async escalateNow(userId: string, incidentId: string): Promise<CommandResult<undefined>> {
      return commitAndPublish(deps, deps.clock.now(), async (changes): Promise<CommandResult<undefined>> => {
        const incident = await changes.tx.getIncident(incidentId);
        if (!incident) return { ok: false, error: { code: 'not_found', message: 'no such incident', field: 'incidentId' } };
        const after = await onEvent(changes, incident, escalateNow, userId);
        if (after.seq !== incident.seq) changes.updated(after);
        return { ok: true, value: undefined };
      });
    },
  };
}

/** The escalator, as `createEscalator` builds it. */
export type Escalator = ReturnType<typeof createEscalator>;
