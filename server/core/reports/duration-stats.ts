import type { DurationStats } from '../../../shared/schemas/report.js';

/**
 * The nearest-rank percentile of ascending `sorted` values: the value at rank ⌈p/100 × n⌉ (1-based),
 * so it is always one of the measured values — p50 of [1, 2, 3, 4] is 2, p90 of ten values is the
 * ninth. Undefined for an empty list.
 */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

/**
 * Mean, p50 and p90 (nearest rank, see {@link nearestRank}) of durations in milliseconds. A negative
 * duration (a clock that stepped back between two relays) counts as 0. All null when there are none.
 */
export function durationStats(durations: readonly number[]): DurationStats {
  if (durations.length === 0) return { count: 0, meanMs: null, p50Ms: null, p90Ms: null };
  // A typed array sorts numerically without a comparator call per comparison (reports sort tens of thousands).
  const sorted = new Float64Array(durations.length);
  let sum = 0;
  for (let i = 0; i < durations.length; i++) {
    const d = Math.max(0, durations[i]!);
    sorted[i] = d;
    sum += d;
  }
  sorted.sort();
  return {
    count: sorted.length,
    meanMs: sum / sorted.length,
    p50Ms: nearestRank(sorted, 50)!,
    p90Ms: nearestRank(sorted, 90)!,
  };
}

/** `part / whole`, or null when `whole` is 0 (no incidents: no rate, rather than a false 0%). */
export function rate(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}
