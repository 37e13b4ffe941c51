import type { MaintenanceOnEnd, MaintenanceWindowView } from '../../shared/schemas/maintenance.js';

/** How the form builds a recurrence: a simple rule, or RRULE text typed by hand. */
export type RecurrenceMode = 'once' | 'daily' | 'weekly' | 'monthly' | 'rrule';

/** The RRULE day codes, Monday first, with their labels. */
export const WEEKDAYS = [
  ['MO', 'Mon'],
  ['TU', 'Tue'],
  ['WE', 'Wed'],
  ['TH', 'Thu'],
  ['FR', 'Fri'],
  ['SA', 'Sat'],
  ['SU', 'Sun'],
] as const;

/** What the maintenance form edits; times are wall-clock "YYYY-MM-DDTHH:MM" text. */
export interface MaintenanceDraft {
  id: string | null;
  name: string;
  reason: string;
  services: string[];
  clients: string[];
  /** Label matchers, one "name=pattern" per line. */
  labels: string;
  mode: RecurrenceMode;
  /** One-off: start and end in the browser's zone (datetime-local values). */
  startsAt: string;
  endsAt: string;
  /** Recurring: the first occurrence's local start in `timeZone`, and how long each lasts. */
  start: string;
  durationMinutes: number;
  weekdays: string[];
  rrule: string;
  /** Empty: the relay takes the client's or the team's zone. */
  timeZone: string;
  onEnd: MaintenanceOnEnd;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as a datetime-local value in the browser's zone. */
export function localInputValue(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** An empty draft: a one-off window from the next full hour, two hours long, released at its end. */
export function emptyDraft(now: Date): MaintenanceDraft {
  const start = new Date(now);
  start.setMinutes(0, 0, 0);
  start.setHours(start.getHours() + 1);
  const end = new Date(start.getTime() + 2 * 3_600_000);
  return {
    id: null,
    name: '',
    reason: '',
    services: [],
    clients: [],
    labels: '',
    mode: 'once',
    startsAt: localInputValue(start),
    endsAt: localInputValue(end),
    start: localInputValue(start),
    durationMinutes: 120,
    weekdays: ['SU'],
    rrule: 'FREQ=WEEKLY;BYDAY=SU',
    timeZone: '',
    onEnd: 'release',
  };
}

/** The RRULE the draft's builder stands for; undefined for a one-off window. */
export function rruleOf(draft: Pick<MaintenanceDraft, 'mode' | 'weekdays' | 'rrule' | 'start'>): string | undefined {
  switch (draft.mode) {
    case 'once':
      return undefined;
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${(draft.weekdays.length ? draft.weekdays : ['SU']).join(',')}`;
    case 'monthly':
      return `FREQ=MONTHLY;BYMONTHDAY=${Number(draft.start.slice(8, 10)) || 1}`;
    case 'rrule':
      return draft.rrule.trim();
  }
}

/** Reads "name=pattern" lines into label matchers; blank lines are skipped, a line without "=" is an error. */
export function parseLabels(text: string): { labels: Record<string, string> } | { error: string } {
  const labels: Record<string, string> = {};
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (!line) continue;
    const eq = line.indexOf('=');
    if (eq <= 0) return { error: `Label line ${index + 1}: write name=pattern, e.g. env=^prod$` };
    labels[line.slice(0, eq).trim()] = line.slice(eq + 1).trim();
  }
  return { labels };
}

/** The API body for a draft, or the error that keeps it from being sent. */
export function bodyOf(draft: MaintenanceDraft): { body: Record<string, unknown> } | { error: string } {
  const labels = parseLabels(draft.labels);
  if ('error' in labels) return labels;
  const rrule = rruleOf(draft);
  const timing =
    rrule === undefined
      ? { startsAt: new Date(draft.startsAt).toISOString(), endsAt: new Date(draft.endsAt).toISOString() }
      : { recurrence: { rrule, start: draft.start, durationMinutes: draft.durationMinutes } };
  if (rrule === undefined && (Number.isNaN(Date.parse(draft.startsAt)) || Number.isNaN(Date.parse(draft.endsAt)))) return { error: 'Give the window a start and an end.' };
  return {
    body: {
      name: draft.name,
      reason: draft.reason,
      match: { services: draft.services, clients: draft.clients, labels: labels.labels },
      ...(draft.timeZone.trim() ? { timeZone: draft.timeZone.trim() } : {}),
      ...timing,
      onEnd: draft.onEnd,
    },
  };
}

/** Which builder mode an RRULE fits (or plain RRULE text). */
function modeOf(rrule: string): { mode: RecurrenceMode; weekdays: string[] } {
  const text = rrule.replace(/^RRULE:/, '');
  if (text === 'FREQ=DAILY') return { mode: 'daily', weekdays: ['SU'] };
  const weekly = /^FREQ=WEEKLY;BYDAY=((?:MO|TU|WE|TH|FR|SA|SU)(?:,(?:MO|TU|WE|TH|FR|SA|SU))*)$/.exec(text);
  if (weekly) return { mode: 'weekly', weekdays: weekly[1]!.split(',') };
  return { mode: 'rrule', weekdays: ['SU'] };
}

/** A stored window as a draft for the edit form. */
export function draftOf(window: MaintenanceWindowView, now: Date): MaintenanceDraft {
  const base = emptyDraft(now);
  const labels = Object.entries(window.match.labels).map(([name, pattern]) => `${name}=${pattern}`).join('\n');
  const common = { ...base, id: window.id, name: window.name, reason: window.reason, services: [...window.match.services], clients: [...window.match.clients], labels, timeZone: window.timeZone, onEnd: window.onEnd };
  if (!window.recurrence) {
    return { ...common, mode: 'once', startsAt: localInputValue(new Date(window.startsAt!)), endsAt: localInputValue(new Date(window.endsAt!)) };
  }
  const { mode, weekdays } = modeOf(window.recurrence.rrule);
  return { ...common, mode, weekdays, rrule: window.recurrence.rrule, start: window.recurrence.start.slice(0, 16), durationMinutes: window.recurrence.durationMinutes };
}
