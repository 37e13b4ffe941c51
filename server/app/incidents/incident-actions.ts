import type { CommandError, CommandResult } from '../../../shared/schemas/command.js';
import type { Incident, TriageVerdict } from '../../../shared/schemas/incident.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import type { Role } from '../../../shared/schemas/user.js';
import { assignmentRefusal } from '../../core/access/need-to-know.js';
import { can, type IncidentAction, rolesFor } from '../../core/access/permissions.js';
import { isHeld, releaseHeld, releaseJob } from '../intake/deferral.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from './change-set.js';
import { knows, notKnown, wasPaged } from './incident-access.js';
import { keepAssigneesInTheKnow } from './need-to-know-list.js';
import { endSnooze } from '../snooze/snooze-ending.js';

/** Who asks: the signed-in person (or a device acting for them). */
export interface Requester {
  userId: string;
  role: Role;
  /** Where the request came from (HTTP peer or socket address), for the audit trail. */
  address?: string | null;
}

/** What incident actions need. */
export interface IncidentActionDeps extends CommitDeps {
  clock: Clock;
  lifecycle: IncidentLifecycle;
  /** Counts false positives separately (metrics). */
  onFalsePositive: (count: number) => void;
  /** Records confidential toggles and need-to-know changes; nothing by default. */
  audit?: AuditTrail;
}

/**
 * Who may take an action on an incident besides the people who may know it: `paged` also lets a
 * person with a live page for it act (acknowledge), so that paging works on confidential incidents.
 */
type Reach = 'know' | 'know-or-paged';

/** Thrown inside a command's transaction to refuse it: the whole command rolls back and answers the error. */
class Refused extends Error {
  constructor(readonly error: CommandError) {
    super(error.message);
  }
}

type Change = (changes: ChangeSet, incident: Incident, actor: Actor) => Promise<Incident | undefined>;

/**
 * The actions people take on incidents, from the API, the console and phones. Each checks the
 * requester's role, runs in one transaction for all the incidents it names, and puts every change on
 * the timeline with the person as actor.
 */
export function createIncidentActions(deps: IncidentActionDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const run = async (
    who: Requester,
    action: IncidentAction,
    incidentIds: readonly string[],
    change: Change,
    reach: Reach = 'know',
  ): Promise<CommandResult<{ changed: number }>> => {
    if (!can(who.role, action)) {
      return {
        ok: false,
        error: { code: 'forbidden', message: `${action} needs the role ${rolesFor(action).join(' or ')}` },
      };
    }
    const actor: Actor = { type: 'user', id: who.userId };
    return commitAndPublish(deps, deps.clock.now(), async (changes): Promise<CommandResult<{ changed: number }>> => {
      const incidents: Incident[] = [];
      // Sorted, so two multi-incident commands lock their rows in the same order (no deadlock on PostgreSQL).
      for (const id of [...new Set(incidentIds)].sort()) {
        const incident = await changes.tx.getIncident(id);
        if (!incident) {
          return { ok: false, error: { code: 'not_found', message: `no incident ${id}`, field: 'incidentIds' } };
        }
        // Need-to-know is checked for every incident a command names, inside its transaction.
        const allowed = (await knows(changes.tx, who, incident)) || (reach === 'know-or-paged' && (await wasPaged(changes.tx, who, id)));
        if (!allowed) return { ...notKnown, error: { ...notKnown.error, message: `no incident ${id}`, field: 'incidentIds' } };
        incidents.push(incident);
      }
      let changed = 0;
      for (const incident of incidents) {
        const after = await change(changes, incident, actor);
        if (after) {
          changes.updated(after);
          changed += 1;
        }
      }
      return { ok: true, value: { changed } };
    }).catch((error: unknown) => {
      if (error instanceof Refused) return { ok: false as const, error: error.error };
      throw error;
    });
  };

  const acknowledge: Change = async (changes, incident, actor) => {
    // Acknowledging a snoozed incident again means "I am on it now": the snooze ends, nothing re-pages.
    if (incident.status === 'acknowledged' && incident.snoozedUntil) return endSnooze(changes, incident, actor, 'acknowledged');
    if (incident.status !== 'triggered') return undefined;
    const now = changes.now.toISOString();
    const acked = await changes.tx.updateIncident(incident.id, { status: 'acknowledged', acknowledgedAt: now });
    await changes.timeline(incident.id, 'incident.acknowledged', actor);
    return deps.lifecycle.acknowledged(changes, acked ?? incident);
  };

  const resolve = (extra: Partial<Incident> = {}): Change => async (changes, incident, actor) => {
    if (incident.status === 'resolved') return undefined;
    const resolved = await changes.tx.updateIncident(incident.id, {
      ...extra,
      status: 'resolved',
      resolvedAt: changes.now.toISOString(),
      deferredUntil: null,
    });
    await changes.tx.deleteJob(releaseJob.id(incident.id));
    await changes.timeline(incident.id, 'incident.resolved', actor);
    return deps.lifecycle.resolved(changes, resolved ?? incident);
  };

  return {
    /** Acknowledges triggered incidents (others are left as they are). */
    acknowledge: (who: Requester, ids: readonly string[]) => run(who, 'acknowledge', ids, acknowledge, 'know-or-paged'),

    /** Resolves open incidents. */
    resolve: (who: Requester, ids: readonly string[]) => run(who, 'resolve', ids, resolve()),

    /** Dismisses incidents as false positives with a reason: the verdict is recorded and they resolve. */
    async dismiss(who: Requester, ids: readonly string[], reason: string) {
      const result = await run(who, 'dismiss', ids, async (changes, incident, actor) => {
        if (incident.status === 'resolved' && incident.triageVerdict === 'false_positive') return undefined;
        await changes.timeline(incident.id, 'triage.verdict', actor, { verdict: 'false_positive', reason });
        const marked = await changes.tx.updateIncident(incident.id, { triageVerdict: 'false_positive' });
        if (incident.status === 'resolved') return marked;
        return resolve({ triageVerdict: 'false_positive' })(changes, marked ?? incident, actor);
      });
      if (result.ok) deps.onFalsePositive(result.value.changed);
      return result;
    },

    /** Records a triage verdict without closing the incident. */
    verdict: (who: Requester, ids: readonly string[], verdict: TriageVerdict) =>
      run(who, 'verdict', ids, async (changes, incident, actor) => {
        if (incident.triageVerdict === verdict) return undefined;
        await changes.timeline(incident.id, 'triage.verdict', actor, { verdict, previous: incident.triageVerdict });
        return changes.tx.updateIncident(incident.id, { triageVerdict: verdict });
      }),

    /**
     * Changes incidents' priority (managers); the change and the old value go on the timeline. An
     * incident held until business hours that is raised to high is released to its escalation at once.
     */
    setPriority: (who: Requester, ids: readonly string[], priority: Priority) =>
      run(who, 'set-priority', ids, async (changes, incident, actor) => {
        if (incident.priority === priority) return undefined;
        await changes.timeline(incident.id, 'priority.set', actor, { priority, previous: incident.priority });
        const changed = (await changes.tx.updateIncident(incident.id, { priority })) ?? { ...incident, priority };
        if (priority !== 'high' || !isHeld(changed)) return changed;
        return releaseHeld(changes, changed, deps.lifecycle, actor, 'priority-high');
      }),

    /**
     * Marks incidents confidential (need-to-know: only managers, admins and the people on its list see
     * what they are about) or open again; managers only. Marking it confidential puts its current
     * assignees on the list (they knew it already), so no one stays assigned to what they may not know.
     */
    setConfidential: (who: Requester, ids: readonly string[], confidential: boolean) =>
      run(who, 'set-confidential', ids, async (changes, incident, actor) => {
        if (incident.confidential === confidential) return undefined;
        await changes.timeline(incident.id, 'confidential.set', actor, { confidential });
        const updated = await changes.tx.updateIncident(incident.id, { confidential });
        await audit.record(
          { action: 'incident.confidential-changed', actorId: who.userId, address: who.address ?? null, subject: { kind: 'incident', id: incident.id }, details: { confidential } },
          changes.tx,
        );
        // The list change republishes the incident with a newer seq; that one is what consoles must get.
        const kept = confidential ? await keepAssigneesInTheKnow(changes, updated ?? incident, who, audit) : undefined;
        return kept ?? updated;
      }),

    /** Sets or clears the triage or forensic assignee; the assignee must be a known user. */
    async assign(who: Requester, ids: readonly string[], role: 'triage' | 'forensic', userId: string | null) {
      if (userId !== null && !(await deps.store.getUser(userId))) {
        return { ok: false as const, error: { code: 'invalid' as const, message: `no user ${userId}`, field: 'userId' } };
      }
      const field = role === 'triage' ? 'triageAssignee' : 'forensicAssignee';
      return run(who, role === 'triage' ? 'assign-triage' : 'assign-forensic', ids, async (changes, incident, actor) => {
        if (incident[field] === userId) return undefined;
        if (userId !== null && incident.confidential) {
          // No one is assigned into a confidential incident they may not know: a manager adds them first.
          const assignee = await changes.tx.getUser(userId);
          const list = (await changes.tx.listNeedToKnow(incident.id)).map((e) => e.userId);
          const refusal = assignee && assignmentRefusal(incident, list, { userId, role: assignee.role });
          if (refusal) throw new Refused({ code: 'conflict', message: refusal, field: 'userId' });
        }
        await changes.timeline(incident.id, 'assignee.set', actor, { role, userId, previous: incident[field] });
        return changes.tx.updateIncident(incident.id, { [field]: userId });
      });
    },
  };
}

/** The incident actions, as `createIncidentActions` builds them. */
export type IncidentActions = ReturnType<typeof createIncidentActions>;
