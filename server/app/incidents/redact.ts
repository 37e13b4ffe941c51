import type { Incident } from '../../../shared/schemas/incident.js';
import type { User } from '../../../shared/schemas/user.js';
import { can } from '../../core/access/permissions.js';

/**
 * Tells whether a person may see a confidential incident's details: managers and admins, and the
 * incident's own triage and forensic assignees (need-to-know).
 */
export function mayKnow(user: Pick<User, 'id' | 'role'>, incident: Incident): boolean {
  return (
    !incident.confidential ||
    can(user.role, 'see-confidential') ||
    incident.triageAssignee === user.id ||
    incident.forensicAssignee === user.id
  );
}

/**
 * The incident as someone without need-to-know sees it: that it exists, its priority, state, times
 * and people, but not what it is about.
 */
export function redactIncident(incident: Incident): Incident {
  return { ...incident, summary: 'Confidential incident', source: '', dedupKey: '', links: [], externalRef: null };
}

/** The incident as `user` may see it. */
export function incidentFor(user: Pick<User, 'id' | 'role'>, incident: Incident): Incident {
  return mayKnow(user, incident) ? incident : redactIncident(incident);
}
