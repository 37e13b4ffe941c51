import type { Incident } from '../../shared/schemas/incident.js';
import { mutedBy } from '../../shared/schemas/maintenance.js';

/** A native notification as the host bridge shows it. */
export interface Notice {
  title: string;
  body: string;
  incidentId: string;
}

/**
 * Picks the incidents to announce: high priority, not acknowledged, and not among `known` (ids this
 * console has seen already). Adds every incident id of `incidents` to `known`, so each incident is
 * announced once. The summary is the one the relay sent this person (redacted when confidential).
 */
export function newHighIncidentNotices(known: Set<string>, incidents: readonly Incident[]): Notice[] {
  const notices: Notice[] = [];
  for (const incident of incidents) {
    if (known.has(incident.id)) continue;
    known.add(incident.id);
    // A maintenance window holds it back: no alarm for it (it pages if the window releases it).
    if (incident.priority !== 'high' || incident.status !== 'triggered' || mutedBy(incident)) continue;
    notices.push({ title: 'High priority incident', body: incident.summary, incidentId: incident.id });
  }
  return notices;
}
