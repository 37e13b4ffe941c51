/** Colours of the Klaxon icon: the console's dark bar, its orange accent, and a red badge. */
const NAVY = [13, 20, 34] as const;
const ORANGE = [249, 115, 22] as const;
const LIGHT = [254, 215, 170] as const;
const RED = [220, 38, 38] as const;
const WHITE = [255, 255, 255] as const;

type Rgb = readonly [number, number, number];
/** A shape: given a point in unit coordinates (0..1, y down), the colour there or undefined. */
type Layer = (x: number, y: number) => Rgb | undefined;

/** 3×5 pixel digits for the badge, one string of 15 cells per glyph. */
const GLYPHS: Record<string, string> = {
  '0': '111101101101111', '1': '010110010010111', '2': '111001111100111', '3': '111001111001111',
  '4': '101101111001001', '5': '111100111001111', '6': '111100111101111', '7': '111001010010010',
  '8': '111101111101111', '9': '111101111001111', '+': '000010111010000',
};

function roundedSquare(x: number, y: number, r: number): boolean {
  const dx = Math.max(r - x, 0, x - (1 - r));
  const dy = Math.max(r - y, 0, y - (1 - r));
  return dx * dx + dy * dy <= r * r;
}

/** The siren: a dome on a base, with two sound arcs either side, on a dark rounded square. */
const base: Layer[] = [
  (x, y) => (roundedSquare(x, y, 0.2) ? NAVY : undefined),
  (x, y) => {
    const dome = (x - 0.5) ** 2 + (y - 0.56) ** 2 <= 0.2 ** 2 && y <= 0.56;
    const body = x >= 0.3 && x <= 0.7 && y >= 0.56 && y <= 0.66;
    const foot = x >= 0.22 && x <= 0.78 && y >= 0.68 && y <= 0.76;
    return dome || body || foot ? ORANGE : undefined;
  },
  (x, y) => ((x - 0.44) ** 2 + (y - 0.48) ** 2 <= 0.05 ** 2 ? LIGHT : undefined),
  (x, y) => {
    const arc = (cx: number, side: number) => {
      const d = Math.hypot(x - cx, y - 0.5);
      const facing = side * (x - cx) > Math.abs(y - 0.5) * 0.9;
      return facing && ((d >= 0.3 && d <= 0.345) || (d >= 0.39 && d <= 0.435));
    };
    return arc(0.5, -1) || arc(0.5, 1) ? ORANGE : undefined;
  },
];

/** The badge: a red disc in the top-right corner with the count (9+ above nine) in white. */
function badgeLayers(count: number): Layer[] {
  const text = count > 9 ? '9+' : String(count);
  const cx = 0.72;
  const cy = 0.28;
  const radius = 0.28;
  const cell = 0.075;
  const width = text.length * 3 * cell + (text.length - 1) * cell;
  const left = cx - width / 2;
  const top = cy - (5 * cell) / 2;
  return [
    (x, y) => ((x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2 ? RED : undefined),
    (x, y) => {
      const col = Math.floor((x - left) / cell);
      const row = Math.floor((y - top) / cell);
      if (row < 0 || row >= 5 || col < 0) return undefined;
      const glyph = Math.floor(col / 4);
      const inGlyph = col % 4;
      const char = text[glyph];
      if (char === undefined || inGlyph === 3) return undefined;
      return GLYPHS[char]![row * 3 + inGlyph] === '1' ? WHITE : undefined;
    },
  ];
}

/**
 * Draws the Klaxon icon at `size`×`size` as straight RGBA bytes, 4×4 supersampled for smooth edges;
 * with `badge` above zero, a red badge with the number is drawn on top (the tray's unread count).
 */
export function drawKlaxonIcon(size: number, badge = 0): Uint8Array {
  const layers = badge > 0 ? [...base, ...badgeLayers(badge)] : base;
  const out = new Uint8Array(size * size * 4);
  const samples = 4;
  for (let py = 0; py < size; py += 1) {
    for (let px = 0; px < size; px += 1) {
      let r = 0;
      let g = 0;
      let b = 0;
      let covered = 0;
      for (let sy = 0; sy < samples; sy += 1) {
        for (let sx = 0; sx < samples; sx += 1) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let colour: Rgb | undefined;
          for (const layer of layers) colour = layer(x, y) ?? colour;
          if (!colour) continue;
          r += colour[0];
          g += colour[1];
          b += colour[2];
          covered += 1;
        }
      }
      const i = (py * size + px) * 4;
      if (covered === 0) continue;
      out[i] = Math.round(r / covered);
      out[i + 1] = Math.round(g / covered);
      out[i + 2] = Math.round(b / covered);
      out[i + 3] = Math.round((covered / (samples * samples)) * 255);
    }
  }
  return out;
}
