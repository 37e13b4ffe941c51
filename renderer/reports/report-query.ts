import type { LocationQuery, LocationQueryRaw } from 'vue-router';
import { SlugSchema } from '../../shared/schemas/common.js';
import { type Priority, PrioritySchema } from '../../shared/schemas/priority.js';
import { type InstantRange, isIsoDate, RANGE_PRESETS, type RangeChoice, type RangePreset } from './report-range.js';

/** The filters of a report; empty strings are "any". */
export interface ReportFilters {
  team: string;
  service: string;
  client: string;
  priority: Priority | '';
  responder: string;
}

/** Everything the Reports page asks for: the range and the filters. */
export interface ReportForm {
  range: RangeChoice;
  filters: ReportFilters;
}

/** The filter keys, in the order the page and the URL list them. */
export const FILTER_KEYS = ['team', 'service', 'client', 'priority', 'responder'] as const;

/** The form a page opens with: the last 30 days, nothing filtered. */
export function defaultReportForm(): ReportForm {
  return { range: { preset: 'last-30-days' }, filters: { team: '', service: '', client: '', priority: '', responder: '' } };
}

const first = (value: LocationQuery[string] | undefined): string | undefined => {
  const one = Array.isArray(value) ? value[0] : value;
  return typeof one === 'string' ? one : undefined;
};

/**
 * Reads a Reports URL (`#/reports?range=custom&from=2026-11-01&to=2026-11-30&team=noc`) into the
 * form. Values that could not be valid (an unknown preset, a slug with capitals, a bad date) are
 * dropped rather than sent, so a mangled link still opens a report.
 */
export function formFromQuery(query: LocationQuery): ReportForm {
  const form = defaultReportForm();
  const preset = first(query.range);
  if (preset && (RANGE_PRESETS as readonly string[]).includes(preset)) form.range = { preset: preset as RangePreset };
  if (form.range.preset === 'custom') {
    const fromDate = first(query.from);
    const toDate = first(query.to);
    form.range = { preset: 'custom', ...(isIsoDate(fromDate) ? { fromDate } : {}), ...(isIsoDate(toDate) ? { toDate } : {}) };
  }
  for (const key of ['team', 'service', 'client'] as const) {
    const value = first(query[key]);
    if (value && SlugSchema.safeParse(value).success) form.filters[key] = value;
  }
  const priority = PrioritySchema.safeParse(first(query.priority));
  if (priority.success) form.filters.priority = priority.data;
  const responder = first(query.responder);
  if (responder && responder.length <= 200) form.filters.responder = responder;
  return form;
}

/** Writes the form as a URL query (only what is set), the inverse of `formFromQuery`. */
export function queryFromForm(form: ReportForm): LocationQueryRaw {
  const query: Record<string, string> = { range: form.range.preset };
  if (form.range.preset === 'custom') {
    if (form.range.fromDate) query.from = form.range.fromDate;
    if (form.range.toDate) query.to = form.range.toDate;
  }
  for (const key of FILTER_KEYS) if (form.filters[key]) query[key] = form.filters[key];
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

/** The relay's query string for a range and filters (`from`, `to`, then the filters that are set). */
export function reportSearch(range: InstantRange, filters: ReportFilters): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  return params.toString();
}
