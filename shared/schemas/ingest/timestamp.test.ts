import { describe, expect, it } from 'vitest';
import { isZeroTime, parseTimestamp, TimestampSchema } from './timestamp.js';

describe('parseTimestamp', () => {
  it.each([
    ['2015-07-17T08:42:58.315+0000', '2015-07-17T08:42:58.315Z'],
    ['2021-10-12T09:51:03.157076+02:00', '2021-10-12T07:51:03.157Z'],
    ['2026-03-08T06:55:12.345678901Z', '2026-03-08T06:55:12.345Z'],
    ['2026-03-08T01:00:00-05', '2026-03-08T06:00:00.000Z'],
    ['2015-07-17T08:42:58.315', '2015-07-17T08:42:58.315Z'],
    ['2026-03-08T09:00Z', '2026-03-08T09:00:00.000Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
  ])('reads %s as %s', (text, instant) => {
    expect(parseTimestamp(text)).toBe(instant);
  });

  it.each(['yesterday', '2026-13-01T00:00:00Z', '2026-02-29T00:00:00Z', '2026-03-08T24:00:00Z', '2026-03-08', '2026-03-08T09:00:00+25:00'])(
    'refuses %s',
    (text) => {
      expect(parseTimestamp(text)).toBeUndefined();
      expect(TimestampSchema.safeParse(text).success).toBe(false);
    },
  );

  it("recognises Go's zero time", () => {
    expect(isZeroTime(parseTimestamp('0001-01-01T00:00:00Z')!)).toBe(true);
    expect(isZeroTime(parseTimestamp('2026-01-01T00:00:00Z')!)).toBe(false);
  });
});
