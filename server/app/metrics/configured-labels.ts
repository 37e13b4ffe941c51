import type { Incident } from '../../../shared/schemas/incident.js';
import type { Clock } from '../ports/clock.js';
import type { OutcomeLabels } from '../ports/metrics-outcomes.js';

/** The label value used for a team or service that is not (or no longer) configured. */
export const OTHER_LABEL = 'other';

/** How long the configured ids are trusted before a miss may read them again. */
const REFRESH_MS = 30_000;

/** Where the configured teams and services are read from. */
export interface ConfiguredIds {
  listTeams(): Promise<readonly { id: string }[]>;
  listServices(): Promise<readonly { id: string }[]>;
}

/**
 * Creates the function that labels an incident's outcome metrics: its priority, and its team and
 * service ids only when they are configured (anything else becomes `other`), so a label value never
 * comes from alert text and the series stay bounded by the configuration. The ids are read once, and
 * again on a miss at most every 30 s.
 */
export function createConfiguredLabels(source: ConfiguredIds, clock: Clock): (incident: Pick<Incident, 'priority' | 'teamId' | 'serviceId'>) => Promise<OutcomeLabels> {
  let teams = new Set<string>();
  let services = new Set<string>();
  let readAt: number | undefined;
  let reading: Promise<void> | undefined;

  const read = () =>
    (reading ??= (async () => {
      try {
        const [t, s] = await Promise.all([source.listTeams(), source.listServices()]);
        teams = new Set(t.map((x) => x.id));
        services = new Set(s.map((x) => x.id));
        readAt = clock.now().getTime();
      } finally {
        reading = undefined;
      }
    })());

  return async (incident) => {
    const known = () => teams.has(incident.teamId) && services.has(incident.serviceId);
    if (!known() && (readAt === undefined || clock.now().getTime() - readAt >= REFRESH_MS)) await read();
    return {
      priority: incident.priority,
      team: teams.has(incident.teamId) ? incident.teamId : OTHER_LABEL,
      service: services.has(incident.serviceId) ? incident.serviceId : OTHER_LABEL,
    };
  };
}
