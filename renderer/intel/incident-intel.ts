import { z } from 'zod';
import { extractObservables, stringsOf, type Observable, type ObservableSource } from '../../shared/intel/observables.js';
import type { Alert } from '../../shared/schemas/alert.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { IndicatorMatchSchema, type Indicator, type IndicatorMatch } from '../../shared/schemas/intel.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';

/** The timeline event the relay records when a new alert matched live indicators. */
export const INTEL_MATCHED = 'intel.matched';

const MatchesSchema = z.object({ matches: z.array(z.unknown()) });

/** The indicators an incident's alerts matched (from its `intel.matched` events), each once, latest sighting kept. */
export function matchesOf(timeline: readonly TimelineEvent[]): IndicatorMatch[] {
  const byId = new Map<string, IndicatorMatch>();
  for (const event of timeline) {
    if ((event.type as string) !== INTEL_MATCHED) continue;
    const data = MatchesSchema.safeParse(event.data);
    // One event may also carry a single match as its data.
    const items = data.success ? data.data.matches : [event.data];
    for (const item of items) {
      const match = IndicatorMatchSchema.safeParse(item);
      if (match.success) byId.set(match.data.indicatorId, match.data);
    }
  }
  return [...byId.values()];
}

/** The texts of an incident to look for observables in: its summary and source, and each alert's summary, source and payload. */
export function sourcesOf(incident: Pick<Incident, 'summary' | 'source'>, alerts: readonly Pick<Alert, 'summary' | 'source' | 'payload'>[]): ObservableSource[] {
  const sources: ObservableSource[] = [
    { field: 'summary', text: incident.summary },
    { field: 'source', text: incident.source },
  ];
  alerts.forEach((alert, i) => {
    const at = alerts.length > 1 ? `alert ${i + 1} ` : '';
    sources.push({ field: `${at}summary`, text: alert.summary }, { field: `${at}source`, text: alert.source });
    stringsOf(alert.payload, `${at}payload`, sources);
  });
  return sources;
}

/** The observables of an incident, each with the indicator already holding it (same type and value), if known. */
export function observablesOf(
  incident: Pick<Incident, 'summary' | 'source'>,
  alerts: readonly Pick<Alert, 'summary' | 'source' | 'payload'>[],
  known: readonly Pick<Indicator, 'id' | 'type' | 'value'>[],
): (Observable & { indicatorId: string | null })[] {
  const index = new Map(known.map((i) => [`${i.type}\u0000${i.value.toLowerCase()}`, i.id]));
  return extractObservables(sourcesOf(incident, alerts)).map((o) => ({ ...o, indicatorId: index.get(`${o.type}\u0000${o.value.toLowerCase()}`) ?? null }));
}
