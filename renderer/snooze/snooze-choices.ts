import type { z } from 'zod';
import type { SnoozeFieldsSchema } from '../../shared/schemas/snooze.js';

/** What the console asks the relay for: a duration in seconds or an instant. */
export type SnoozeAsk = z.input<typeof SnoozeFieldsSchema>;

/** The quick choices of the snooze dialog, each with its number key. */
export const SNOOZE_PRESETS: readonly { key: string; label: string; duration: number }[] = [
  { key: '1', label: '15 minutes', duration: 15 * 60 },
  { key: '2', label: '1 hour', duration: 3600 },
  { key: '3', label: '4 hours', duration: 4 * 3600 },
];

/** Tomorrow at 08:00 in the console's time zone (the "until tomorrow morning" choice). */
export function tomorrowMorning(now: Date): Date {
  const at = new Date(now);
  at.setDate(at.getDate() + 1);
  at.setHours(8, 0, 0, 0);
  return at;
}

/**
 * Reads the custom time field (`YYYY-MM-DDTHH:MM` in the console's time zone, as a datetime-local
 * input gives it) as an instant; null when it is empty or not a time.
 */
export function customUntil(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(local)) return null;
  const at = new Date(local);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The value a datetime-local input shows for an instant, in the console's time zone. */
export function localInputValue(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T${pad(at.getHours())}:${pad(at.getMinutes())}`;
}

/**
 * When a snooze ends, as the board row and the detail say it: "14:30" today, "Tue 08:00" on another
 * day (within the week a snooze may last), in the console's time zone.
 */
export function snoozeEndText(until: string, now: Date): string {
  const at = new Date(until);
  const time = at.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', hour12: false });
  if (at.toDateString() === now.toDateString()) return time;
  return `${at.toLocaleDateString(undefined, { weekday: 'short' })} ${time}`;
}

/** Tells whether an incident shows as snoozed at `now`: acknowledged with its snooze end ahead. */
export function showsSnoozed(incident: { status: string; snoozedUntil?: string | null }, now: Date): boolean {
  return incident.status === 'acknowledged' && !!incident.snoozedUntil && Date.parse(incident.snoozedUntil) > now.getTime();
}
