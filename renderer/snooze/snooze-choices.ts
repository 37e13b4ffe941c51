import type { z } from 'zod';
import type { SnoozeFieldsSchema } from '../../shared/schemas/snooze.js';
import { formatInstant, type HourCycle } from '../time/format-instant.js';
import { instantFromLocal, localInputIn, tomorrowAtIn } from '../time/local-input.js';

/** What the console asks the relay for: a duration in seconds or an instant. */
export type SnoozeAsk = z.input<typeof SnoozeFieldsSchema>;

/** The quick choices of the snooze dialog, each with its number key. */
export const SNOOZE_PRESETS: readonly { key: string; label: string; duration: number }[] = [
  { key: '1', label: '15 minutes', duration: 15 * 60 },
  { key: '2', label: '1 hour', duration: 3600 },
  { key: '3', label: '4 hours', duration: 4 * 3600 },
];

/** Tomorrow at 08:00 on the viewer's clock (`zone`): the "until tomorrow morning" choice. */
export function tomorrowMorning(now: Date, zone: string): Date {
  return tomorrowAtIn(zone, now, 8);
}

/**
 * Reads the custom time field (`YYYY-MM-DDTHH:MM` on the viewer's clock, as a datetime-local input
 * gives it) as an instant; null when it is empty or not a time.
 */
export function customUntil(local: string, zone: string): string | null {
  const at = instantFromLocal(local, zone);
  return at === null ? null : new Date(at).toISOString();
}

/** The value a datetime-local input shows for an instant, on the viewer's clock. */
export function localInputValue(at: Date, zone: string): string {
  return localInputIn(at, zone);
}

/**
 * When a snooze ends, as the board row and the detail say it: "14:30 EST" today, "Tue 1 Dec 08:00 EST"
 * on another day, on the viewer's clock and hour cycle.
 */
export function snoozeEndText(until: string, now: Date, display: { zone: string; hourCycle: HourCycle }): string {
  return formatInstant(until, { ...display, style: 'smart', now });
}

/** Tells whether an incident shows as snoozed at `now`: acknowledged with its snooze end ahead. */
export function showsSnoozed(incident: { status: string; snoozedUntil?: string | null }, now: Date): boolean {
  return incident.status === 'acknowledged' && !!incident.snoozedUntil && Date.parse(incident.snoozedUntil) > now.getTime();
}
