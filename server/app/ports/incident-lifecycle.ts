import type { Incident } from '../../../shared/schemas/incident.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { ChangeSet } from '../incidents/change-set.js';

/**
 * What the escalation engine must hear about an incident, called inside the transaction that made the
 * change so that its due rows commit together with it.
 */
export interface IncidentLifecycle {
  /** The incident must be heard now: snapshot the policy and start paging. Returns the incident as saved. */
  escalate(changes: ChangeSet, incident: Incident, policy: Policy): Promise<Incident>;
  /** Someone acknowledged the incident. */
  acknowledged(changes: ChangeSet, incident: Incident): Promise<Incident>;
  /** The incident is resolved: stop everything still due for it. */
  resolved(changes: ChangeSet, incident: Incident): Promise<Incident>;
}
