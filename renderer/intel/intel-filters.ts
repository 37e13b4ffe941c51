import type { Indicator, IndicatorType } from '../../shared/schemas/intel.js';

/** The Intelligence page's filters; empty strings and null mean "any". */
export interface IntelFilters {
  type: IndicatorType | null;
  tag: string | null;
  /** Matched, case-insensitive, against value, source, notes and tags. */
  text: string;
  /** Only indicators that still match new alerts (not expired). */
  liveOnly: boolean;
}

/** No filter: every indicator. */
export const NO_FILTERS: IntelFilters = { type: null, tag: null, text: '', liveOnly: false };

/** Whether an indicator has expired at `now` (it no longer matches new alerts). */
export function isExpired(indicator: Pick<Indicator, 'expiresAt'>, now: Date): boolean {
  return indicator.expiresAt !== null && Date.parse(indicator.expiresAt) <= now.getTime();
}

/** The indicators the filters let through, in the order given. */
export function filterIndicators(indicators: readonly Indicator[], filters: IntelFilters, now: Date): Indicator[] {
  const words = filters.text.trim().toLowerCase().split(/\s+/).filter(Boolean);
  return indicators.filter((i) => {
    if (filters.type && i.type !== filters.type) return false;
    if (filters.tag && !i.tags.includes(filters.tag)) return false;
    if (filters.liveOnly && isExpired(i, now)) return false;
    if (!words.length) return true;
    const haystack = [i.value, i.source, i.notes, ...i.tags].join('\n').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

/** Every tag in use, sorted, for the tag filter. */
export function tagsOf(indicators: readonly Pick<Indicator, 'tags'>[]): string[] {
  return [...new Set(indicators.flatMap((i) => i.tags))].sort((a, b) => a.localeCompare(b));
}

/** The indicator types with their labels, in the order the form and the filter list them. */
export const INDICATOR_TYPES: { value: IndicatorType; label: string }[] = [
  { value: 'ip', label: 'IP address' },
  { value: 'cidr', label: 'CIDR range' },
  { value: 'domain', label: 'Domain' },
  { value: 'url', label: 'URL' },
  { value: 'email', label: 'E-mail' },
  { value: 'hash', label: 'File hash' },
  { value: 'cve', label: 'CVE' },
  { value: 'text', label: 'Free text' },
];

/** The label of a type ("IP address"). */
export function typeLabel(type: IndicatorType): string {
  return INDICATOR_TYPES.find((t) => t.value === type)?.label ?? type;
}
