import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Role } from '../../../shared/schemas/user.js';
import { can, rolesFor } from '../../core/access/permissions.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from './change-set.js';
import { knows, notKnown } from './incident-access.js';
import type { Requester } from './incident-actions.js';

/** One person on an incident's need-to-know list, as the API and the detail page show them. */
export interface NeedToKnowPerson {
  userId: string;
  name: string;
  role: Role;
  addedBy: string;
  addedAt: string;
}

/** An incident's need-to-know list. */
export interface NeedToKnowView {
  incidentId: string;
  confidential: boolean;
  people: NeedToKnowPerson[];
}

/** What the need-to-know list needs: the store and feed, the clock and the audit trail. */
export interface NeedToKnowListDeps extends CommitDeps {
  clock: Clock;
  audit?: AuditTrail;
}

type Outcome = Promise<CommandResult<NeedToKnowView>>;

async function viewOf(changes: Pick<ChangeSet, 'tx'>, incident: Incident): Promise<NeedToKnowView> {
  const people: NeedToKnowPerson[] = [];
  for (const entry of await changes.tx.listNeedToKnow(incident.id)) {
    const user = await changes.tx.getUser(entry.userId);
    if (!user) continue;
    people.push({ userId: user.id, name: user.name, role: user.role, addedBy: entry.addedBy, addedAt: entry.addedAt.toISOString() });
  }
  return { incidentId: incident.id, confidential: incident.confidential, people };
}

/**
 * Changes a list in the change's transaction: adds and removes people, puts the change on the
 * timeline and the audit trail, and republishes the incident (a new `seq`) so every console's view of
 * it is redrawn for the people now in or out. Returns the republished incident, or undefined when
 * nothing changed.
 */
async function changeList(
  changes: ChangeSet,
  incident: Incident,
  who: Requester,
  audit: AuditTrail,
  add: readonly string[],
  remove: readonly string[],
): Promise<Incident | undefined> {
  const added: string[] = [];
  const removed: string[] = [];
  for (const userId of add) {
    if (await changes.tx.addNeedToKnow({ incidentId: incident.id, userId, addedBy: who.userId, addedAt: changes.now })) added.push(userId);
  }
  for (const userId of remove) if (await changes.tx.removeNeedToKnow(incident.id, userId)) removed.push(userId);
  if (!added.length && !removed.length) return undefined;
  await changes.timeline(incident.id, 'need-to-know.changed', { type: 'user', id: who.userId }, { added, removed });
  await audit.record(
    {
      action: 'incident.need-to-know-changed',
      actorId: who.userId,
      address: who.address ?? null,
      subject: { kind: 'incident', id: incident.id },
      details: { added, removed },
    },
    changes.tx,
  );
  const republished = (await changes.tx.updateIncident(incident.id, {})) ?? incident;
  return changes.updated(republished);
}

/**
 * Puts an incident's current assignees on its need-to-know list, as marking it confidential does:
 * they knew it already, and no one stays assigned to an incident they may not know. Returns the
 * incident as republished (its newest `seq`), or undefined when the list did not change.
 */
export async function keepAssigneesInTheKnow(changes: ChangeSet, incident: Incident, who: Requester, audit: AuditTrail): Promise<Incident | undefined> {
  const assignees = [incident.triageAssignee, incident.forensicAssignee].filter((id): id is string => !!id);
  return assignees.length ? changeList(changes, incident, who, audit, [...new Set(assignees)], []) : undefined;
}

/**
 * An incident's need-to-know list: who, besides admins and IR managers, may know it when it is
 * confidential. People who may know the incident read the list; managers change it (replace, add,
 * remove), each change on the timeline and the audit trail. Assignees cannot be taken off the list
 * (unassign them first), so no one is assigned to an incident they may not know.
 */
export function createNeedToKnowList(deps: NeedToKnowListDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const forbidden = {
    ok: false as const,
    error: { code: 'forbidden' as const, message: `changing who may know an incident needs the role ${rolesFor('manage-need-to-know').join(' or ')}` },
  };

  /** Runs a list change on an incident the manager may know, in one committed and published transaction. */
  const edit = (who: Requester, incidentId: string, plan: (current: string[], incident: Incident) => { add: string[]; remove: string[] }): Outcome => {
    if (!can(who.role, 'manage-need-to-know')) return Promise.resolve(forbidden);
    return commitAndPublish(deps, deps.clock.now(), async (changes): Outcome => {
      const incident = await changes.tx.getIncident(incidentId);
      if (!incident || !(await knows(changes.tx, who, incident))) return notKnown;
      const current = (await changes.tx.listNeedToKnow(incidentId)).map((e) => e.userId);
      const { add, remove } = plan(current, incident);
      for (const userId of add) {
        if (!(await changes.tx.getUser(userId))) return { ok: false, error: { code: 'invalid', message: `no user ${userId}`, field: 'userId' } };
      }
      const assigned = remove.find((id) => id === incident.triageAssignee || id === incident.forensicAssignee);
      if (assigned) {
        return { ok: false, error: { code: 'conflict', message: `${assigned} is assigned to this incident; unassign them before taking them off the list`, field: 'userId' } };
      }
      const republished = await changeList(changes, incident, who, audit, add, remove);
      return { ok: true, value: await viewOf(changes, republished ?? incident) };
    });
  };

  return {
    /** The list, for anyone who may know the incident; others are answered as if it did not exist. */
    async list(who: Requester, incidentId: string): Outcome {
      const incident = await deps.store.getIncident(incidentId);
      if (!incident || !(await knows(deps.store, who, incident))) return notKnown;
      return { ok: true, value: await viewOf({ tx: deps.store }, incident) };
    },

    /** Makes the list exactly `userIds` (managers only). */
    replace: (who: Requester, incidentId: string, userIds: readonly string[]) =>
      edit(who, incidentId, (current) => ({
        add: [...new Set(userIds)].filter((id) => !current.includes(id)),
        remove: current.filter((id) => !userIds.includes(id)),
      })),

    /** Adds one person to the list (managers only); adding someone already on it changes nothing. */
    add: (who: Requester, incidentId: string, userId: string) => edit(who, incidentId, () => ({ add: [userId], remove: [] })),

    /** Takes one person off the list (managers only); an assignee must be unassigned first. */
    remove: (who: Requester, incidentId: string, userId: string) => edit(who, incidentId, () => ({ add: [], remove: [userId] })),
  };
}

/** The need-to-know list, as `createNeedToKnowList` builds it. */
export type NeedToKnowList = ReturnType<typeof createNeedToKnowList>;
