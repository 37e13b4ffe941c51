import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import {
  type EscalationContext,
  type EscalationState,
  escalateNow,
  incidentAcknowledged,
  incidentResolved,
  pageFailed,
  pageRead,
  parseEscalationState,
  startEscalation,
  startNewRun,
  step,
  type StepResult,
} from '../../core/escalation/index.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import { commitGrouped, type GroupCommit } from '../incidents/group-commit.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import type { JobRecord } from '../ports/store.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import { isHeld, releaseHeld } from '../intake/deferral.js';
import { type ApplyMetrics, applyStep } from './apply-step.js';
import type { DirectRing } from './phone-line.js';
import { recordFailure } from './send-record.js';
import { loadTargetResolver } from './target-resolver.js';

type EngineEvent = (state: EscalationState, policy: Policy, now: Date, ctx: EscalationContext) => StepResult;

/** What the escalator needs. */
export interface EscalatorDeps extends CommitDeps {
  clock: Clock;
  log: Log;
  metrics: ApplyMetrics & { pagesRead: { inc(): void } };
  /**
   * Whether a level whose pages all failed (nobody reachable) moves on at once instead of waiting
   * out its delay; true unless turned off (`KLAXON_FAILED_PAGE_MOVES_ON=0`).
   */
  failedPagesMoveOn?: boolean;
  /**
   * Commits due steps together with other work committed at the same moment (one fsync for all on
   * SQLite); without it each step commits alone.
   */
  group?: GroupCommit;
  /**
   * Rings the phones connected to this relay from the commit that pages them (a relay running
   * alone); without it every level's phone pages go out through a level job.
   */
  ring?: DirectRing;
}

const refused = (code: 'not_found' | 'conflict', message: string, field = 'incidentId') => ({
  ok: false as const,
  error: { code, message, field },
});

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
    return applyStep(changes, incident, record.policy, result, deps.metrics, requestedBy, deps.ring);
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
      return applyStep(changes, incident, policy, result, deps.metrics, undefined, deps.ring);
    },
    acknowledged: (changes, incident) => onEvent(changes, incident, incidentAcknowledged),
    resolved: (changes, incident) => onEvent(changes, incident, incidentResolved),
  };

  const stepWork = (job: JobRecord) => async (changes: ChangeSet) => {
    const incidentId = job.incidentId;
    if (!incidentId) return;
    const incident = await changes.tx.getIncident(incidentId);
    if (!incident) return;
    const after = await onEvent(changes, changes.read(incident), step);
    if (after.seq !== incident.seq) changes.updated(after);
  };

  /**
   * Runs an incident's due escalation step (the `escalation.step` job). With `group`, steps commit
   * together with whatever else commits at that moment: other steps, level records, ingests.
   */
  const stepHandler: JobHandler = (job) => commitGrouped(deps, stepWork(job));

  /**
   * Tells the engine, inside the caller's transaction, that a page failed; once every channel of
   * that person's page has failed, the engine counts the person as unreachable (and, with
   * `failedPagesMoveOn`, moves on when the whole level is). Manual and failover pages are not the
   * engine's and change nothing there.
   */
  const pageFailedIn = async (changes: ChangeSet, page: Page): Promise<void> => {
    const siblings = (await changes.tx.listPages(page.incidentId)).filter((p) => p.pageKey === page.pageKey);
    if (!siblings.every((p) => p.state === 'failed' || p.id === page.id)) return;
    const incident = await changes.tx.getIncident(page.incidentId);
    if (!incident) return;
    const options = { moveOnWhenAllFailed: deps.failedPagesMoveOn ?? true };
    const after = await onEvent(changes, incident, (s, p, now, ctx) => pageFailed(s, p, page.pageKey, now, ctx, options));
    if (after.seq !== incident.seq) changes.updated(after);
  };

  return {
    lifecycle,
    stepHandler,

    /**
     * Starts the incident's escalation again from its first level as a new run (its snooze ended and
     * it is triggered again), inside the caller's transaction: new pages, each once on the timeline.
     * An incident that was never escalated (held, then acknowledged) starts its first escalation on
     * its service's policy. Returns the incident as saved.
     */
    async startNewRunIn(changes: ChangeSet, incident: Incident): Promise<Incident> {
      if (await changes.tx.getEscalation(incident.id)) return onEvent(changes, incident, startNewRun);
      const service = await changes.tx.getService(incident.serviceId);
      const policy = service ? await changes.tx.getPolicy(service.policy) : undefined;
      if (!policy) {
        deps.log.warn({ incidentId: incident.id }, 'snooze ended but the incident\'s service has no policy; nobody paged');
        return incident;
      }
      return lifecycle.escalate(changes, incident, policy);
    },

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

    /**
     * "Escalate now" (console) and "I can't take it" (phone): the person moves the incident's
     * escalation on now. A running escalation goes to its next level; one that stopped (read,
     * acknowledged) or failed over starts again one step further; a held incident is released at
     * once. Refused, with the reason, when the incident is resolved or has no escalation at all —
     * never answered as a success that changed nothing.
     */
    async escalateNow(userId: string, incidentId: string): Promise<CommandResult<undefined>> {
      return commitAndPublish(deps, deps.clock.now(), async (changes): Promise<CommandResult<undefined>> => {
        const incident = await changes.tx.getIncident(incidentId);
        if (!incident) return refused('not_found', 'no such incident');
        if (incident.status === 'resolved') return refused('conflict', 'the incident is resolved; there is nobody left to page');
        const actor = { type: 'user' as const, id: userId };
        if (isHeld(incident)) {
          changes.updated(await releaseHeld(changes, incident, lifecycle, actor, 'escalate-now'));
          return { ok: true, value: undefined };
        }
        if (!(await changes.tx.getEscalation(incident.id))) {
          return refused('conflict', `the incident has no escalation to move on (it is ${incident.escalation === 'none' ? 'not escalated' : incident.escalation})`);
        }
        let moved = false;
        const after = await onEvent(
          changes,
          incident,
          (state, policy, now, ctx) => {
            const result = escalateNow(state, policy, now, ctx);
            moved = result.effects.length > 0;
            return result;
          },
          userId,
        );
        if (!moved) return refused('conflict', 'the escalation could not be moved on (its stored state is unreadable)');
        if (after.seq !== incident.seq) changes.updated(after);
        return { ok: true, value: undefined };
      });
    },

    /**
     * Records that a page the provider had taken never reached the phone (an SMS the carrier could
     * not deliver, a call that could not be placed): the page fails with `error`, on the timeline,
     * and the escalation hears of it as of any failed page. Answers whether anything changed: a page
     * read, cancelled or failed already is left as it is.
     */
    async pageUndelivered(pageId: string, error: string): Promise<boolean> {
      return commitAndPublish(deps, deps.clock.now(), async (changes) => {
        const seen = await changes.tx.getPage(pageId);
        if (!seen) return false;
        await changes.tx.lockIncident(seen.incidentId);
        const page = await changes.tx.getPage(pageId);
        if (!page || page.state === 'read' || page.state === 'cancelled' || page.state === 'failed') return false;
        await recordFailure(changes, page, error, {}, pageFailedIn);
        return true;
      });
    },

    pageFailedIn,
  };
}

/** The escalator, as `createEscalator` builds it. */
export type Escalator = ReturnType<typeof createEscalator>;
