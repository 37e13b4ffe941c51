import type { WallboardStats } from '../../../shared/schemas/wallboard.js';

const HOUR_MS = 3_600_000;

/**
 * Counts alerts per clock hour over the last 24 hours: 24 buckets, oldest first, the last being the
 * hour `now` is in (so far). Arrivals outside the buckets are ignored.
 */
export function alertsPerHour(arrivals: readonly Date[], now: Date): WallboardStats['alertsPerHour'] {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const first = currentHour - 23 * HOUR_MS;
  const counts = new Array<number>(24).fill(0);
  for (const arrival of arrivals) {
    const ms = arrival.getTime();
    if (ms < first || ms > now.getTime()) continue;
    counts[Math.floor((ms - first) / HOUR_MS)]! += 1;
  }
  return counts.map((count, i) => ({ start: new Date(first + i * HOUR_MS).toISOString(), count }));
}
