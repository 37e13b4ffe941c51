import { DateTime } from 'luxon';
import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { localTimeZone } from '../reports/report-range.js';

/**
 * The History page's search, as the URL and the relay's `GET /api/v1/incidents` both carry it.
 * The URL query *is* the relay's query (without the cursor), so a copied link, a saved search and
 * the request the page sends are one and the same text. Values are kept as written: the relay judges
 * them and a 400 names the field, which the page shows beside that filter.
 */

/** The search keys, in the order the page and the URL list them. */
export const HISTORY_KEYS = ['q', 'status', 'priority', 'client', 'service', 'team', 'verdict', 'assignee', 'from', 'to', 'sort'] as const;
export type HistoryKey = (typeof HISTORY_KEYS)[number];

/** One search: a value per key; an empty string is "not set". */
export type HistoryForm = Record<HistoryKey, string>;

/** The status a search has when its link says none: the history covers resolved incidents too. */
export const DEFAULT_STATUS = 'any';

/** The longest value the page keeps from a link (the relay's own limits are lower still). */
const MAX_VALUE = 2000;

/** A search with nothing set but the default status. */
export function defaultHistoryForm(): HistoryForm {
  const form = Object.fromEntries(HISTORY_KEYS.map((k) => [k, ''])) as HistoryForm;
  form.status = DEFAULT_STATUS;
  return form;
}

const first = (value: LocationQuery[string] | undefined): string => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one.slice(0, MAX_VALUE) : '';
};

/**
 * Reads a History URL (`#/history?q=disk&status=resolved`) into a search. Keys the page does not
 * know are dropped; `q` is trimmed; a link without a status searches every status.
 */
export function formFromQuery(query: LocationQuery): HistoryForm {
  const form = defaultHistoryForm();
  for (const key of HISTORY_KEYS) {
    const value = key === 'q' ? first(query[key]).trim() : first(query[key]);
    if (value) form[key] = value;
  }
  return form;
}

/** Writes a search as a URL query (only what is set, in `HISTORY_KEYS` order), the inverse of `formFromQuery`. */
export function queryFromForm(form: HistoryForm): Record<string, string> {
  const query: Record<string, string> = {};
  for (const key of HISTORY_KEYS) {
    const value = key === 'q' ? form.q.trim() : form[key];
    if (value) query[key] = value;
  }
  return query;
}

/** True when two URL queries say the same thing (order of keys aside). */
export function sameQuery(a: LocationQueryRaw | LocationQuery, b: LocationQueryRaw | LocationQuery): boolean {
  const text = (q: LocationQueryRaw | LocationQuery) =>
    JSON.stringify(
      Object.entries(q)
        .filter(([, v]) => v !== undefined && v !== null)
        .sort(([x], [y]) => x.localeCompare(y)),
    );
  return text(a) === text(b);
}

/** The query string of a search (`q=disk&status=resolved`), as a saved search stores it. */
export function searchText(form: HistoryForm): string {
  return new URLSearchParams(queryFromForm(form)).toString();
}

/** Reads a saved search's query string back into a search. */
export function formFromSearchText(text: string): HistoryForm {
  return formFromQuery(Object.fromEntries(new URLSearchParams(text.replace(/^\?/, ''))));
}

/** The relay's query string for a search, with the cursor of the page wanted and a page size. */
export function relaySearch(form: HistoryForm, cursor: string | null, limit: number): string {
  const params = new URLSearchParams(queryFromForm(form));
  if (cursor) params.set('cursor', cursor);
  params.set('limit', String(limit));
  return params.toString();
}

/** True when the search narrows anything beyond the default status (the empty-state text says so). */
export function isNarrowed(form: HistoryForm): boolean {
  return HISTORY_KEYS.some((k) => (k === 'status' ? form.status !== DEFAULT_STATUS : k !== 'sort' && !!form[k]));
}

/**
 * The instant a date filter sends for a day picked in `zone`: `from` is the start of that day,
 * `to` the start of the next (the relay takes incidents first seen before `to`, so the last day is
 * included). An empty day clears the filter.
 */
export function instantOfDay(day: string, which: 'from' | 'to', zone: string = localTimeZone()): string {
  if (!day) return '';
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  if (!start.isValid) return '';
  return (which === 'to' ? start.plus({ days: 1 }) : start).toUTC().toISO()!;
}

/** The day a date filter's instant shows in its picker (the inverse of `instantOfDay`), or '' when it is no instant. */
export function dayOfInstant(instant: string, which: 'from' | 'to', zone: string = localTimeZone()): string {
  if (!instant) return '';
  const at = DateTime.fromISO(instant, { setZone: true });
  if (!at.isValid) return '';
  // `to` is left out of the range: its last day is the one before it (or the same day when `to` is not a midnight).
  const local = at.setZone(zone);
  return (which === 'to' ? local.minus({ milliseconds: 1 }) : local).toISODate()!;
}
