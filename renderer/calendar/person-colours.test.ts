import { describe, expect, it } from 'vitest';
import { assignColours, BAR_TEXT_COLOUR, barBackground, colourAt, contrastRatio, PERSON_PALETTE } from './person-colours.js';

/** CIE76 ΔE between two "#rrggbb" colours (D65). */
function deltaE(a: string, b: string): number {
  const lab = (h: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(h.slice(i, i + 2), 16) / 255;
      return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
    const x = f((0.4124 * r + 0.3576 * g + 0.1805 * bl) / 0.95047);
    const y = f(0.2126 * r + 0.7152 * g + 0.0722 * bl);
    const z = f((0.0193 * r + 0.1192 * g + 0.9505 * bl) / 1.08883);
    return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
  };
  const [p, q] = [lab(a), lab(b)];
  return Math.hypot(p[0]! - q[0]!, p[1]! - q[1]!, p[2]! - q[2]!);
}

describe('person colours', () => {
  it('gives a team of twelve pairwise clearly different colours', () => {
    const colours = [...assignColours(Array.from({ length: 12 }, (_, i) => `person-${i}`)).values()];
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) expect(deltaE(colours[i]!, colours[j]!), `${colours[i]} vs ${colours[j]}`).toBeGreaterThanOrEqual(15);
    }
  });

  it('keeps white bar text at 4.5:1 or more on every colour, up to forty people, all different', () => {
    const colours = Array.from({ length: 40 }, (_, i) => colourAt(i));
    expect(new Set(colours).size).toBe(40);
    for (const c of colours) {
      expect(c).toMatch(/^#[0-9a-f]{6}$/);
      expect(contrastRatio(c, BAR_TEXT_COLOUR), c).toBeGreaterThanOrEqual(4.5);
    }
    for (let i = 0; i < colours.length; i++) {
      for (let j = i + 1; j < colours.length; j++) expect(deltaE(colours[i]!, colours[j]!), `${i} vs ${j}`).toBeGreaterThan(3);
    }
  });

  it('assigns colours by id, whatever order the people come in', () => {
    const a = assignColours(['dan', 'bob', 'cara', 'bob']);
    const b = assignColours(['cara', 'dan', 'bob']);
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect(a.get('bob')).toBe(PERSON_PALETTE[0]);
    expect(a.size).toBe(3);
  });

  it('computes WCAG contrast as the standard does', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 1);
  });

  it('stripes a bar held by several people and leaves a gap without colour', () => {
    const colours = assignColours(['bob', 'cara']);
    expect(barBackground(['bob'], colours)).toBe(PERSON_PALETTE[0]);
    expect(barBackground([], colours)).toBeUndefined();
    expect(barBackground(['bob', 'cara'], colours)).toBe(`linear-gradient(180deg, ${PERSON_PALETTE[0]} 0% 50%, ${PERSON_PALETTE[1]} 50% 100%)`);
  });
});
