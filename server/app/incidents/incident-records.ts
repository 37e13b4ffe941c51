import { createHash } from 'node:crypto';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { can, type IncidentAction, rolesFor } from '../../core/access/permissions.js';
import { queuePages } from '../escalation/apply-step.js';
import type { Clock } from '../ports/clock.js';
import type { UserRecord } from '../ports/store.js';
import { type ChangeSet, type CommitDeps, commitAndPublish } from './change-set.js';
import type { Requester } from './incident-actions.js';
import { knows, notKnown } from './incident-access.js';

/** What the incident records need: the store, feed and job wake-up, and the clock. */
export interface IncidentRecordDeps extends CommitDeps {
  clock: Clock;
}

/** A file handed in as forensic evidence, with where it came from. */
export interface EvidenceUpload {
  description: string;
  origin: string;
  fileName: string;
  bytes: Uint8Array;
}

type Outcome<T> = Promise<CommandResult<T>>;

const forbidden = (action: IncidentAction) => ({
  ok: false as const,
  error: { code: 'forbidden' as const, message: `${action} needs the role ${rolesFor(action).join(' or ')}` },
});

/**
 * What people add to an incident besides changing its state: notes, forensic evidence (with its
 * SHA-256, for the chain of custody) and a manual page to one person. Each checks the role and
 * need-to-know, runs in one transaction and lands on the timeline with the person as actor.
 */
export function createIncidentRecords(deps: IncidentRecordDeps) {
  /** Runs `work` on an incident the requester may know, in one committed and published transaction. */
  const onIncident = <T>(who: Requester, incidentId: string, work: (changes: ChangeSet, incident: Incident) => Outcome<T>): Outcome<T> =>
    commitAndPublish(deps, deps.clock.now(), async (changes) => {
      const incident = await changes.tx.getIncident(incidentId);
      // An incident the person may not know about answers as if it did not exist.
      if (!incident || !(await knows(changes.tx, who, incident))) return notKnown;
      return work(changes, incident);
    });

  return {
    /** Adds a note written by the requester; anyone who may know the incident may write one. */
    addNote(who: Requester, incidentId: string, text: string): Outcome<TimelineEvent> {
      return onIncident(who, incidentId, async (changes) => {
        const event = await changes.timeline(incidentId, 'note.added', { type: 'user', id: who.userId }, { text });
        return { ok: true, value: event };
      });
    },

    /**
     * Records forensic evidence: the relay hashes the file itself (SHA-256) so the hash on the
     * timeline is of the bytes it received, and the requester is recorded as the handler.
     */
    addEvidence(who: Requester, incidentId: string, upload: EvidenceUpload): Outcome<TimelineEvent> {
      if (!can(who.role, 'add-evidence')) return Promise.resolve(forbidden('add-evidence'));
      const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
      return onIncident(who, incidentId, async (changes) => {
        const event = await changes.timeline(incidentId, 'evidence.added', { type: 'user', id: who.userId }, {
          description: upload.description,
          origin: upload.origin,
          sha256,
          fileName: upload.fileName,
          size: upload.bytes.byteLength,
        });
        return { ok: true, value: event };
      });
    },

    /**
     * Pages one person now through their notify rules, outside the escalation levels (level 0); the
     * page and who asked for it go on the timeline.
     */
    pagePerson(who: Requester, incidentId: string, userId: string): Outcome<{ pageKey: string }> {
      if (!can(who.role, 'page-person')) return Promise.resolve(forbidden('page-person'));
      return onIncident(who, incidentId, async (changes, incident) => {
        if (incident.status === 'resolved') {
          return { ok: false, error: { code: 'conflict', message: 'the incident is resolved; reopen it before paging', field: 'id' } };
        }
        const target = await changes.tx.getUser(userId);
        if (!target) return { ok: false, error: { code: 'invalid', message: `no user ${userId}`, field: 'userId' } };
        // One page key per request, so paging the same person twice rings twice.
        const pageKey = `manual:${userId}:${changes.now.getTime()}`;
        const userOf = async (id: string): Promise<UserRecord | undefined> => (id === target.id ? target : changes.tx.getUser(id));
        await queuePages(changes, incident, pageKey, userId, 0, changes.now, userOf);
        await changes.timeline(incidentId, 'page.queued', { type: 'user', id: who.userId }, { userId, level: 0, manual: true });
        return { ok: true, value: { pageKey } };
      });
    },
  };
}

/** The incident records, as `createIncidentRecords` builds them. */
export type IncidentRecords = ReturnType<typeof createIncidentRecords>;
