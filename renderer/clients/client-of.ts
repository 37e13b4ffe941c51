import type { Incident } from '../../shared/schemas/incident.js';

/**
 * The client an incident is about, or null. Incidents carry `clientId` since issue 13; older
 * relays (and old fixtures) leave it out, which reads as "no client".
 */
export function clientIdOf(incident: Incident): string | null {
  return (incident as Incident & { clientId?: string | null }).clientId ?? null;
}

/** Tells whether any of `incidents` has a client (the board shows its Client column only then). */
export function anyHasClient(incidents: readonly Incident[]): boolean {
  return incidents.some((incident) => clientIdOf(incident) !== null);
}
