import { existsSync } from 'node:fs';

/**
 * The fonts a PDF is written in. `standard`: pdfkit's built-in Helvetica, which covers only the
 * WinAnsi (Windows-1252) characters; `embedded`: a Unicode TrueType pair, subset into the PDF.
 */
export type PdfFonts = { kind: 'standard' } | { kind: 'embedded'; regular: string; bold: string };

/** Where Unicode sans-serif TrueType pairs usually sit on Linux, macOS and Windows, best first. */
const CANDIDATES: readonly { regular: string; bold: string }[] = [
  { regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/TTF/DejaVuSans.ttf', bold: '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf', bold: '/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf', bold: '/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf' },
  { regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf' },
  { regular: '/System/Library/Fonts/Supplemental/Arial.ttf', bold: '/System/Library/Fonts/Supplemental/Arial Bold.ttf' },
  { regular: '/Library/Fonts/Arial.ttf', bold: '/Library/Fonts/Arial Bold.ttf' },
  { regular: 'C:\\Windows\\Fonts\\arial.ttf', bold: 'C:\\Windows\\Fonts\\arialbd.ttf' },
];

let found: PdfFonts | undefined;

/**
 * The fonts this host offers: the first Unicode TrueType pair found at a usual place (DejaVu Sans,
 * Noto Sans, Liberation Sans, Arial), else the standard fonts. Looked up once per process.
 */
export function systemPdfFonts(exists: (file: string) => boolean = existsSync): PdfFonts {
  if (found && exists === existsSync) return found;
  const pair = CANDIDATES.find((c) => exists(c.regular) && exists(c.bold));
  const fonts: PdfFonts = pair ? { kind: 'embedded', ...pair } : { kind: 'standard' };
  if (exists === existsSync) found = fonts;
  return fonts;
}

/** The code points above Latin-1 that WinAnsi (and so the standard fonts) can show. */
const WIN_ANSI_EXTRA = new Set([
  0x152, 0x153, 0x160, 0x161, 0x178, 0x17d, 0x17e, 0x192, 0x2c6, 0x2dc, 0x2013, 0x2014, 0x2018, 0x2019, 0x201a, 0x201c, 0x201d, 0x201e,
  0x2020, 0x2021, 0x2022, 0x2026, 0x2030, 0x2039, 0x203a, 0x20ac, 0x2122,
]);

/** Tells whether the standard fonts can show a code point. */
export function winAnsiHas(codePoint: number): boolean {
  return (codePoint >= 0x20 && codePoint <= 0x7e) || (codePoint >= 0xa0 && codePoint <= 0xff) || WIN_ANSI_EXTRA.has(codePoint);
}

/** Look-alikes for common characters a font may lack (typography a standard font has no glyph for). */
const LOOK_ALIKES: Record<string, string> = {
  '\u2212': '-',
  '\u2010': '-',
  '\u2011': '-',
  '\u2192': '->',
  '\u2190': '<-',
  '\u21d2': '=>',
  '\u2264': '<=',
  '\u2265': '>=',
  '\u2260': '!=',
  '\u2032': "'",
  '\u2033': '"',
  '\u00ad': '',
  '\u200b': '',
  '\u2009': ' ',
  '\u202f': ' ',
  '\u2713': 'v',
  '\u2714': 'v',
  '\u2717': 'x',
};

/** The mark printed for a character the PDF's font cannot show. */
export const MISSING_GLYPH = '?';

/** Text fitted to a font: what to print, and how many characters could not be shown. */
export interface FittedText {
  text: string;
  replaced: number;
}

/**
 * Fits text to what a font can show: a character it has stays; one it lacks becomes a look-alike
 * (`−` → `-`, `→` → `->`), or its letter without accents (`ł` has none, `ą` → `a`), or the visible
 * mark `?`, counted so the document can say how many characters it could not show.
 */
export function fitToFont(text: string, has: (codePoint: number) => boolean): FittedText {
  let out = '';
  let replaced = 0;
  // Composed first, so a letter written with a combining accent is the accented letter the font has.
  for (const char of text.normalize('NFC')) {
    const cp = char.codePointAt(0)!;
    if (char === '\n' || has(cp)) {
      out += char;
      continue;
    }
    // A combining mark the font cannot draw over its letter is left off (the letter stays).
    if (/\p{M}/u.test(char)) continue;
    const alike = LOOK_ALIKES[char];
    if (alike !== undefined) {
      out += alike;
      continue;
    }
    const bare = char.normalize('NFKD').replace(/\p{M}/gu, '');
    if (bare && bare !== char && [...bare].every((c) => has(c.codePointAt(0)!))) {
      out += bare;
      continue;
    }
    out += MISSING_GLYPH;
    replaced += 1;
  }
  return { text: out, replaced };
}
