import { describe, expect, it } from 'vitest';
import { fitToFont, systemPdfFonts, winAnsiHas } from './pdf-fonts.js';

describe('fitToFont', () => {
  it('keeps what the font has, and replaces the rest with look-alikes, bare letters or a counted "?"', () => {
    expect(fitToFont('Café – “quoted” € …', winAnsiHas)).toEqual({ text: 'Café – “quoted” € …', replaced: 0 });
    expect(fitToFont('ą ć ł → −5 ≥ 3', winAnsiHas)).toEqual({ text: 'a c ? -> -5 >= 3', replaced: 1 });
    expect(fitToFont('日本\nПри', winAnsiHas)).toEqual({ text: '??\n???', replaced: 5 });
    expect(fitToFont('😀', () => false)).toEqual({ text: '?', replaced: 1 });
    // A combining accent is composed with its letter, or left off when there is no such letter.
    expect(fitToFont('Cafe\u0301 q\u0301', winAnsiHas)).toEqual({ text: 'Café q', replaced: 0 });
  });
});

describe('systemPdfFonts', () => {
  it('takes the first Unicode pair the host has, else the standard fonts', () => {
    expect(systemPdfFonts(() => false)).toEqual({ kind: 'standard' });
    expect(systemPdfFonts((file) => file.includes('Liberation'))).toEqual({
      kind: 'embedded',
      regular: '/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf',
      bold: '/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf',
    });
  });
});
