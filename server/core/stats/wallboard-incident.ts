import type { Incident } from '../../../shared/schemas/incident.js';
import type { WallboardIncident } from '../../../shared/schemas/wallboard.js';

/** What a wall screen may say about a confidential incident: that it exists, nothing of what it is. */
export const CONFIDENTIAL_SUMMARY = 'Confidential incident';

/**
 * The incident as a wall screen shows it to everyone in the room: a confidential incident keeps its
 * priority, state and age but not its summary or client.
 */
export function wallboardIncident(incident: Incident, now: Date, clientNames: ReadonlyMap<string, string> = new Map()): WallboardIncident {
  return {
    id: incident.id,
    summary: incident.confidential ? CONFIDENTIAL_SUMMARY : incident.summary,
    priority: incident.priority,
    confidential: incident.confidential,
    firstSeenAt: incident.firstSeenAt,
    ageSeconds: Math.max(0, Math.round((now.getTime() - Date.parse(incident.firstSeenAt)) / 1000)),
    escalation: incident.escalation,
    clientName: incident.confidential || !incident.clientId ? null : (clientNames.get(incident.clientId) ?? null),
  };
}
