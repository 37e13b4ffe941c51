import type { HistoryFacets, HistorySort, SnippetPart } from '../../shared/schemas/history.js';
import type { FilterOption } from '../reports/report-api.js';
import { PRIORITY_LABELS } from '../reports/report-format.js';

/** The status filter's choices: every status by default, or one stage of the lifecycle. */
export const STATUS_CHOICES: readonly FilterOption[] = [
  { value: 'any', label: 'Any status' },
  { value: 'open', label: 'Open' },
  { value: 'triggered', label: 'Triggered' },
  { value: 'acknowledged', label: 'Acknowledged' },
  { value: 'resolved', label: 'Resolved' },
];

/** What a triage verdict (or its absence) is called on the page. */
export const VERDICT_LABELS: Record<string, string> = { confirmed: 'Confirmed', false_positive: 'False positive', none: 'No verdict' };

/** The verdict filter's choices. */
export const VERDICT_CHOICES: readonly FilterOption[] = Object.entries(VERDICT_LABELS).map(([value, label]) => ({ value, label }));

/** The sort menu: relevance only means something with search words. */
export function sortChoices(hasWords: boolean): FilterOption[] {
  const all: { value: HistorySort; label: string }[] = [
    { value: 'relevance', label: 'Best match' },
    { value: 'newest', label: 'Newest first' },
    { value: 'oldest', label: 'Oldest first' },
    { value: 'priority', label: 'Highest priority' },
  ];
  return hasWords ? all : all.filter((s) => s.value !== 'relevance');
}

/** The facets the page lists, each with the filter a click sets and the facet's heading. */
export const FACETS = [
  { key: 'priority', label: 'Priority' },
  { key: 'service', label: 'Service' },
  { key: 'client', label: 'Client' },
  { key: 'verdict', label: 'Verdict' },
] as const satisfies readonly { key: keyof HistoryFacets; label: string }[];

/** One count of a facet: the value, its name, how many incidents, and whether a click can narrow to it. */
export interface FacetEntry {
  value: string;
  label: string;
  count: number;
  /** "No client" has no filter value of its own, so it is listed but not clickable. */
  narrows: boolean;
}

/** The name of an id among a filter's choices, or the id itself when the list does not have it. */
export function nameOf(options: readonly FilterOption[], id: string | null | undefined): string {
  if (!id) return '—';
  return options.find((o) => o.value === id)?.label ?? id;
}

/**
 * The entries of one facet, the most frequent first (priorities high to low), with names from the
 * filters' choices; values with no incident are left out.
 */
export function facetEntries(key: keyof HistoryFacets, counts: Record<string, number>, names: readonly FilterOption[]): FacetEntry[] {
  const entries = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .map(([value, count]) => {
      const none = value === 'none' && key === 'client';
      const label =
        key === 'priority' ? (PRIORITY_LABELS[value as keyof typeof PRIORITY_LABELS] ?? value) : key === 'verdict' ? (VERDICT_LABELS[value] ?? value) : none ? 'No client' : nameOf(names, value);
      return { value, label, count, narrows: !none };
    });
  if (key === 'priority') {
    const order = Object.keys(PRIORITY_LABELS);
    return entries.sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value));
  }
  return entries.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

/** A snippet's runs without empty ones, neighbours of the same kind joined (fewer nodes, same text). */
export function snippetRuns(parts: readonly SnippetPart[]): SnippetPart[] {
  const runs: SnippetPart[] = [];
  for (const part of parts) {
    if (!part.text) continue;
    const last = runs[runs.length - 1];
    if (last && last.match === part.match) last.text += part.text;
    else runs.push({ text: part.text, match: part.match });
  }
  return runs;
}

/** A count of results for the page's head ("1 incident", "1,234 incidents"). */
export function totalText(total: number): string {
  return `${total.toLocaleString()} ${total === 1 ? 'incident' : 'incidents'}`;
}
