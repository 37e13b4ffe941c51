/**
 * Time formatting for post-mortem exports: every instant in UTC, as ISO 8601 and in words, and
 * durations in the largest units that matter. Pure, no locale or time zone of the host.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as ISO 8601 in UTC to the second, e.g. `2026-11-30T10:02:30Z` (the text when it is not a date). */
export function isoUtc(instant: string): string {
  const at = new Date(instant);
  return Number.isNaN(at.getTime()) ? instant : `${at.toISOString().slice(0, 19)}Z`;
}

/** An instant in words, in UTC, e.g. `Mon 30 Nov 2026, 10:02:30 UTC`. */
export function humanUtc(instant: string): string {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) return instant;
  const date = `${DAYS[at.getUTCDay()]} ${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]} ${at.getUTCFullYear()}`;
  return `${date}, ${pad(at.getUTCHours())}:${pad(at.getUTCMinutes())}:${pad(at.getUTCSeconds())} UTC`;
}

/** An instant both ways, `2026-11-30T10:02:30Z (Mon 30 Nov 2026, 10:02:30 UTC)`; a dash when there is none. */
export function instantText(instant: string | null): string {
  return instant ? `${isoUtc(instant)} (${humanUtc(instant)})` : '—';
}

/**
 * A duration in words to the second, largest unit first: `45 s`, `2 min 30 s`, `1 h 5 min`,
 * `3 d 4 h` (two units at most; the seconds of an hour-long span say nothing). A dash for null.
 */
export function durationText(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1000) return ms <= 0 ? '0 s' : `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  const units: [number, string][] = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor((seconds % 86_400) / 3600), 'h'],
    [Math.floor((seconds % 3600) / 60), 'min'],
    [seconds % 60, 's'],
  ];
  const first = units.findIndex(([n]) => n > 0);
  return units
    .slice(first, first + 2)
    .filter(([n]) => n > 0)
    .map(([n, unit]) => `${n} ${unit}`)
    .join(' ');
}

/** How long after `from` an instant came, e.g. `+2 min 30 s` (`+0 s` for the same instant). */
export function offsetText(from: string, at: string): string {
  const ms = new Date(at).getTime() - new Date(from).getTime();
  if (Number.isNaN(ms)) return '';
  return ms < 0 ? `−${durationText(-ms)}` : `+${durationText(ms)}`;
}
