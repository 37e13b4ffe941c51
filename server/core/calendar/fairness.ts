import type { Schedule } from '../../../shared/schemas/schedule.js';
import { offsetAt, type BusinessTeam } from '../business-hours/index.js';
import { shifts } from '../schedule/index.js';
import { businessWindows, offHoursMs } from './business-windows.js';
import { loadScore } from '../../../shared/calendar/load-score.js';

/** One page a person received. */
export interface PageActivity {
  userId: string;
  at: Date;
}

/** One incident a person acknowledged or resolved (from the incident timeline). */
export interface HandledActivity {
  userId: string;
  incidentId: string;
}

/** One person's load over a window, before names are attached. */
export interface Load {
  userId: string;
  onCallHours: number;
  offHoursHours: number;
  pages: number;
  nightPages: number;
  incidentsHandled: number;
}

/** What {@link fairLoad} reads. */
export interface LoadInput {
  schedule: Schedule;
  team: BusinessTeam;
  /** Everyone to report, also those with no load at all. */
  people: readonly string[];
  pages: readonly PageActivity[];
  handled: readonly HandledActivity[];
  from: Date;
  to: Date;
}

const HOUR_MS = 3_600_000;

/** Night is 22:00 to 07:00 on the team's wall clock. */
export function isNight(at: Date, timeZone: string): boolean {
  const local = at.getTime() + offsetAt(at.getTime(), timeZone) * 60_000;
  const hour = new Date(local).getUTCHours();
  return hour >= 22 || hour < 7;
}

function rounded(hours: number): number {
  return Math.round(hours * 100) / 100;
}

/**
 * Measures who carried how much over [from, to): hours on call in the schedule's final line (and
 * how many of them fell outside the team's business hours), pages received and pages at night
 * (22:00–07:00 in the team's zone), and distinct incidents acknowledged or resolved. Returns one
 * row per person of `people` plus anyone else who appears, sorted by id.
 */
export function fairLoad(input: LoadInput): Load[] {
  const from = input.from.getTime();
  const to = input.to.getTime();
  const rows = new Map<string, Load & { incidents: Set<string> }>();
  const row = (userId: string) => {
    let r = rows.get(userId);
    if (!r) {
      r = { userId, onCallHours: 0, offHoursHours: 0, pages: 0, nightPages: 0, incidentsHandled: 0, incidents: new Set() };
      rows.set(userId, r);
    }
    return r;
  };
  input.people.forEach(row);
  const windows = businessWindows(input.team, from, to);
  for (const shift of shifts(input.schedule, input.from, input.to)) {
    const start = shift.start.getTime();
    const end = shift.end.getTime();
    const off = offHoursMs(windows, start, end);
    for (const user of shift.users) {
      row(user).onCallHours += (end - start) / HOUR_MS;
      row(user).offHoursHours += off / HOUR_MS;
    }
  }
  for (const page of input.pages) {
    const at = page.at.getTime();
    if (at < from || at >= to) continue;
    row(page.userId).pages += 1;
    if (isNight(page.at, input.team.timeZone)) row(page.userId).nightPages += 1;
  }
  for (const h of input.handled) row(h.userId).incidents.add(h.incidentId);
  return [...rows.values()]
    .map(({ incidents, ...r }) => ({
      ...r,
      onCallHours: rounded(r.onCallHours),
      offHoursHours: rounded(r.offHoursHours),
      incidentsHandled: incidents.size,
    }))
    .sort((a, b) => a.userId.localeCompare(b.userId));
}

export { loadScore };
