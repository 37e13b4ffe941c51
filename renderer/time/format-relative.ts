/**
 * Relative times and durations: "4 min ago", "in 2 h", and the board's compact ages ("12m", "3h 05m").
 */

/**
 * How far an instant lies from `now`, in words: "just now" within ten seconds, then "45 s ago",
 * "4 min ago", "3 h ago", "2 days ago"; "in 4 min" for the future. "—" for a missing instant.
 */
export function formatRelative(at: string | number | Date | null | undefined, now: Date): string {
  if (at === null || at === undefined || at === '') return '—';
  const ms = (at instanceof Date ? at : new Date(at)).getTime();
  if (Number.isNaN(ms)) return '—';
  const diff = Math.round((now.getTime() - ms) / 1000);
  const seconds = Math.abs(diff);
  if (seconds < 10) return 'just now';
  let amount: string;
  if (seconds < 60) amount = `${seconds} s`;
  else if (seconds < 3600) amount = `${Math.floor(seconds / 60)} min`;
  else if (seconds < 86_400) amount = `${Math.floor(seconds / 3600)} h`;
  else {
    const days = Math.floor(seconds / 86_400);
    amount = `${days} ${days === 1 ? 'day' : 'days'}`;
  }
  return diff >= 0 ? `${amount} ago` : `in ${amount}`;
}

/**
 * A span of seconds the compact way a board or wall screen says it: "45s", "12m", "3h 05m", "2d 04h";
 * "—" for none. Negative spans count as zero.
 */
export function formatAge(seconds: number | null): string {
  if (seconds === null || Number.isNaN(seconds)) return '—';
  const s = Math.max(0, Math.floor(seconds));
  if (s < 60) return `${s}s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  return `${Math.floor(hours / 24)}d ${String(hours % 24).padStart(2, '0')}h`;
}

/** How long ago `since` was at `now`, compact ("3h 05m"): an open incident's age on the board. */
export function ageSince(since: string | number | Date, now: Date): string {
  const ms = since instanceof Date ? since.getTime() : new Date(since).getTime();
  return formatAge((now.getTime() - ms) / 1000);
}

/** A duration in milliseconds, compact ("45s", "3h 05m"); "—" when it never happened. */
export function durationText(ms: number | null): string {
  return ms === null ? '—' : formatAge(ms / 1000);
}
