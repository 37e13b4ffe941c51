/** Text helpers for the human output of `klaxon`: aligned tables and relative times. */

/** Lays `rows` out under `headers` in columns padded to their widest cell, two spaces apart. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), ...rows.map(line)].join('\n');
}

/** Cuts `text` to `max` characters, ending with "…" when it was longer; newlines become spaces. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const UNITS: [string, number][] = [
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1000],
];

/** The time from `now` to `at` in its two largest units: "5m ago", "in 2h 10m", "just now". */
export function relativeTime(at: string | Date, now: Date): string {
  const ms = new Date(at).getTime() - now.getTime();
  const abs = Math.abs(ms);
  if (abs < 1000) return 'just now';
  const parts: string[] = [];
  let rest = abs;
  for (const [unit, size] of UNITS) {
    if (rest >= size && parts.length < 2) {
      parts.push(`${Math.floor(rest / size)}${unit}`);
      rest %= size;
    } else if (parts.length > 0) break;
  }
  const span = parts.join(' ');
  return ms < 0 ? `${span} ago` : `in ${span}`;
}

/** Lines of `label: value` with the labels padded to one width. */
export function fields(pairs: readonly (readonly [string, string])[]): string {
  const width = Math.max(...pairs.map(([label]) => label.length)) + 1;
  return pairs.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value}`).join('\n');
}
