import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { drawKlaxonIcon } from './klaxon-icon.js';
import { encodePng } from './png.js';

const pixel = (rgba: Uint8Array, size: number, x: number, y: number) => Array.from(rgba.subarray((y * size + x) * 4, (y * size + x) * 4 + 4));

describe('the Klaxon icon', () => {
  it('draws an orange siren on a dark rounded square with transparent corners', () => {
    const size = 64;
    const rgba = drawKlaxonIcon(size);
    expect(pixel(rgba, size, 0, 0)[3]).toBe(0);
    expect(pixel(rgba, size, 32, 44)).toEqual([249, 115, 22, 255]);
    expect(pixel(rgba, size, 32, 6)).toEqual([13, 20, 34, 255]);
  });

  it('adds a red badge with the count only when there is one', () => {
    const size = 64;
    const plain = drawKlaxonIcon(size);
    const badged = drawKlaxonIcon(size, 3);
    expect(pixel(plain, size, 46, 3)).toEqual([13, 20, 34, 255]);
    expect(pixel(badged, size, 46, 3)).toEqual([220, 38, 38, 255]);
    const whites = (rgba: Uint8Array) => Array.from({ length: size * size }, (_, i) => rgba[i * 4] === 255 && rgba[i * 4 + 1] === 255 && rgba[i * 4 + 2] === 255).filter(Boolean).length;
    expect(whites(plain)).toBe(0);
    expect(whites(badged)).toBeGreaterThan(20);
    expect(whites(drawKlaxonIcon(size, 42))).toBeGreaterThan(whites(badged));
  });
});

describe('encodePng', () => {
  it('writes a PNG whose pixels read back unchanged', () => {
    const size = 16;
    const rgba = drawKlaxonIcon(size, 1);
    const png = encodePng(size, size, rgba);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(size);
    const idatLength = png.readUInt32BE(33);
    expect(png.toString('ascii', 37, 41)).toBe('IDAT');
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    const rows = Array.from({ length: size }, (_, y) => raw.subarray(y * (size * 4 + 1) + 1, (y + 1) * (size * 4 + 1)));
    expect(Buffer.concat(rows)).toEqual(Buffer.from(rgba));
    expect(() => encodePng(2, 2, new Uint8Array(3))).toThrow('expected 16 bytes');
  });
});
