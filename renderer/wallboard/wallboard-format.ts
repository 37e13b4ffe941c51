/** Formats a share as a whole percentage ("12%"), "—" for none. */
export function formatRate(rate: number | null): string {
  return rate === null ? '—' : `${Math.round(rate * 100)}%`;
}

/** How a value moved against the week before: for times and false positives, lower is better. */
export type Trend = 'better' | 'worse' | 'same' | 'unknown';

/** Compares this week's value with last week's (lower is better); within 5 % counts as the same. */
export function trendOf(current: number | null, previous: number | null): Trend {
  if (current === null || previous === null) return 'unknown';
  if (previous === 0) return current === 0 ? 'same' : 'worse';
  const change = (current - previous) / previous;
  if (Math.abs(change) < 0.05) return 'same';
  return change < 0 ? 'better' : 'worse';
}

/** The arrow and words a wall screen shows for a trend. */
export function trendText(trend: Trend): string {
  return { better: '▼ better than last week', worse: '▲ worse than last week', same: '■ same as last week', unknown: '' }[trend];
}
