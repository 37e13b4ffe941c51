import type { CommandError, CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { SnoozeRequest } from '../../../shared/schemas/snooze.js';
import type { Actor } from '../../../shared/schemas/timeline.js';
import { can, rolesFor } from '../../core/access/permissions.js';
import { snoozeEndOf } from '../../core/snooze/snooze-end.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { Requester } from '../incidents/incident-actions.js';
import { knows } from '../incidents/incident-access.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import { endSnooze } from './snooze-ending.js';
import { snoozeEndJob } from './snooze-jobs.js';

/** What snoozing needs. */
export interface SnoozeDeps extends CommitDeps {
  clock: Clock;
  audit?: AuditTrail;
}

type Outcome = CommandResult<{ changed: number; until?: string }>;

const refusal = (code: CommandError['code'], message: string, field = 'incidentIds'): { ok: false; error: CommandError } => ({
  ok: false,
  error: { code, message, field },
});

/**
 * Snoozing acknowledged incidents and ending a snooze early. Each command checks the role, then, in
 * one transaction for every incident it names, that the person may know each incident and that each
 * is acknowledged; any refusal refuses the whole command with the reason. The ending itself is the
 * `incident.snooze-end` due row (see `createSnoozeEndHandler`).
 */
export function createSnoozeService(deps: SnoozeDeps) {
  const audit = deps.audit ?? noAuditTrail;

  const inTransaction = async (
    who: Requester,
    ids: readonly string[],
    change: (changes: ChangeSet, incident: Incident, actor: Actor) => Promise<Incident | { refused: string }>,
  ): Promise<CommandResult<{ changed: number }>> => {
    if (!can(who.role, 'snooze')) return refusal('forbidden', `snooze needs the role ${rolesFor('snooze').join(' or ')}`);
    const actor: Actor = { type: 'user', id: who.userId };
    return commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const incidents: Incident[] = [];
      // Sorted, so two commands lock their rows in the same order (no deadlock on PostgreSQL).
      for (const id of [...new Set(ids)].sort()) {
        const incident = await changes.tx.getIncident(id);
        // One the person may not know is answered as if it did not exist.
        if (!incident || !(await knows(changes.tx, who, incident))) return refusal('not_found', `no incident ${id}`);
        incidents.push(incident);
      }
      const changed: Incident[] = [];
      for (const incident of incidents) {
        const after = await change(changes, incident, actor);
        // Nothing is written when one of them is refused: the transaction rolls back.
        if ('refused' in after) throw new SnoozeRefused(refusal('conflict', after.refused));
        changed.push(after);
      }
      for (const incident of changed) changes.updated(incident);
      return { ok: true as const, value: { changed: changed.length } };
    }).catch((error: unknown) => {
      if (error instanceof SnoozeRefused) return error.result;
      throw error;
    });
  };

  return {
    /**
     * Snoozes acknowledged incidents until `request` says (a duration or an instant, at most 7 days
     * ahead): the snooze time is stored, the `incident.snooze-end` row is due then, and
     * `incident.snoozed` goes on the timeline and the audit trail. Snoozing a snoozed incident moves
     * its end. Refused when an incident is triggered (acknowledge it first) or resolved.
     */
    async snooze(who: Requester, ids: readonly string[], request: SnoozeRequest): Promise<Outcome> {
      const now = deps.clock.now();
      const end = snoozeEndOf(request, now);
      if (!end.ok) return refusal('invalid', end.message, end.field);
      const until = end.at.toISOString();
      const result = await inTransaction(who, ids, async (changes, incident, actor) => {
        if (incident.status !== 'acknowledged') {
          return { refused: `incident ${incident.id} is ${incident.status}; only an acknowledged incident can be snoozed` };
        }
        await changes.schedule(snoozeEndJob.make(incident.id, end.at));
        const updated = await changes.tx.updateIncident(incident.id, { snoozedUntil: until });
        const data = { until, ...(request.duration === undefined ? {} : { duration: request.duration }), ...(incident.snoozedUntil ? { previous: incident.snoozedUntil } : {}) };
        await changes.timeline(incident.id, 'incident.snoozed', actor, data);
        await audit.record({ action: 'incident.snoozed', actorId: who.userId, address: who.address ?? null, subject: { kind: 'incident', id: incident.id }, details: data }, changes.tx);
        return updated ?? { ...incident, snoozedUntil: until };
      });
      return result.ok ? { ok: true, value: { ...result.value, until } } : result;
    },

    /**
     * Ends the snooze of incidents now; they stay acknowledged and nothing is paged. Refused when an
     * incident is not snoozed.
     */
    unsnooze: (who: Requester, ids: readonly string[]): Promise<Outcome> =>
      inTransaction(who, ids, async (changes, incident, actor) => {
        if (!incident.snoozedUntil) return { refused: `incident ${incident.id} is not snoozed` };
        const details = { reason: 'unsnoozed', until: incident.snoozedUntil };
        await audit.record({ action: 'incident.snooze_ended', actorId: who.userId, address: who.address ?? null, subject: { kind: 'incident', id: incident.id }, details }, changes.tx);
        return endSnooze(changes, incident, actor, 'unsnoozed');
      }),
  };
}

/** Thrown inside a command's transaction to refuse it: the whole command rolls back. */
class SnoozeRefused extends Error {
  constructor(readonly result: { ok: false; error: CommandError }) {
    super(result.error.message);
  }
}

/** The snooze service, as `createSnoozeService` builds it. */
export type SnoozeService = ReturnType<typeof createSnoozeService>;
