import { createZoneTime, type ZoneTime } from '../schedule/zone-time.js';
import type { ReportPageFact } from './report-facts.js';

/** The night, in each responder's local time: from 22:00 to 07:00 the next morning. */
export const NIGHT_STARTS_HOUR = 22;
/** The hour the night ends (exclusive): a page at 07:00 sharp is a morning page. */
export const NIGHT_ENDS_HOUR = 7;

/** How often one person was interrupted out of hours: distinct incidents, not pages. */
export interface Interruptions {
  night: number;
  weekend: number;
}

/** Tells the local hour (0–23) and weekday (0 = Sunday) of an instant in a zone (DST-correct). */
export function localHourAndDay(zone: ZoneTime, instant: number): { hour: number; weekday: number } {
  const local = new Date(zone.toLocal(instant));
  return { hour: local.getUTCHours(), weekday: local.getUTCDay() };
}

/** Tells whether a local hour lies in the night (22:00–07:00). */
export function isNightHour(hour: number): boolean {
  return hour >= NIGHT_STARTS_HOUR || hour < NIGHT_ENDS_HOUR;
}

/**
 * Counts, for one person, the distinct incidents that paged them at night (22:00–07:00) and on a
 * weekend (Saturday or Sunday), judged by each page's creation time in `timeZone` (an unknown zone
 * is read as UTC). An incident that paged them five times in one night counts once; an incident
 * paged on a Saturday night counts as both a night and a weekend interruption.
 */
export function interruptionsOf(pages: readonly Pick<ReportPageFact, 'incidentId' | 'createdMs'>[], timeZone: string): Interruptions {
  const zone = createZoneTime(timeZone) ?? createZoneTime('UTC')!;
  const night = new Set<string>();
  const weekend = new Set<string>();
  for (const page of pages) {
    const { hour, weekday } = localHourAndDay(zone, page.createdMs);
    if (isNightHour(hour)) night.add(page.incidentId);
    if (weekday === 0 || weekday === 6) weekend.add(page.incidentId);
  }
  return { night: night.size, weekend: weekend.size };
}
