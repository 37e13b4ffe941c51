/**
 * Colours for people on the calendar: a palette of dark, clearly different hues that all keep white
 * bar text readable (WCAG contrast 4.5:1 or more), handed out per person in a stable order so one
 * person's shifts look the same on every line and in the legend.
 */

/**
 * Twelve colours picked to differ from each other by at least 15 ΔE (CIE76) and to keep white text
 * at 4.9:1 or more. Order matters: the first ones are the most different from each other.
 */
export const PERSON_PALETTE: readonly string[] = [
  '#1d4ed8', // blue
  '#b91c1c', // red
  '#047857', // green
  '#a16207', // ochre
  '#7e22ce', // violet
  '#0e7490', // cyan
  '#be185d', // pink
  '#4d7c0f', // olive
  '#c2410c', // orange
  '#57534e', // stone
  '#86198f', // magenta
  '#1e3a8a', // navy
];

/** The colour of bar text drawn on a person's colour. */
export const BAR_TEXT_COLOUR = '#ffffff';

/** Relative luminance of "#rrggbb" (WCAG 2). */
export function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two "#rrggbb" colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

function hex(n: number): string {
  return Math.round(Math.max(0, Math.min(255, n))).toString(16).padStart(2, '0');
}

/** "#rrggbb" of an HSL colour (hue in degrees, saturation and lightness 0–1). */
function fromHsl(h: number, s: number, l: number): string {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return `#${hex(f(0) * 255)}${hex(f(8) * 255)}${hex(f(4) * 255)}`;
}

/**
 * The colour of the `index`-th person: the palette first, then (for very large teams) hues spread by
 * the golden angle, darkened until white text keeps 4.5:1.
 */
export function colourAt(index: number): string {
  const listed = PERSON_PALETTE[index];
  if (listed) return listed;
  const extra = index - PERSON_PALETTE.length;
  const hue = (extra * 137.508 + 20) % 360;
  const saturation = [0.75, 0.55, 0.9][extra % 3]!;
  let lightness = [0.36, 0.3, 0.26][Math.floor(extra / 3) % 3]!;
  let colour = fromHsl(hue, saturation, lightness);
  while (contrastRatio(colour, BAR_TEXT_COLOUR) < 4.5) {
    lightness -= 0.02;
    colour = fromHsl(hue, saturation, lightness);
  }
  return colour;
}

/**
 * Assigns every person a colour: ids sorted, so the same team gets the same colours on every load,
 * whatever order the relay lists them in. Duplicates are ignored.
 */
export function assignColours(personIds: readonly string[]): Map<string, string> {
  const ids = [...new Set(personIds)].sort((a, b) => a.localeCompare(b));
  return new Map(ids.map((id, i) => [id, colourAt(i)]));
}

/**
 * The CSS background of a bar held by `users`: one person's colour, or equal stripes of each when
 * several are on call together; undefined for a gap.
 */
export function barBackground(users: readonly string[], colours: ReadonlyMap<string, string>): string | undefined {
  if (users.length === 0) return undefined;
  const list = users.map((u) => colours.get(u) ?? PERSON_PALETTE[PERSON_PALETTE.length - 3]!);
  if (list.length === 1) return list[0];
  const step = 100 / list.length;
  return `linear-gradient(180deg, ${list.map((c, i) => `${c} ${i * step}% ${(i + 1) * step}%`).join(', ')})`;
}
