import { describe, expect, it } from 'vitest';
import { durationText, humanUtc, instantText, isoUtc, offsetText } from './format.js';

describe('export time formats', () => {
  it('writes instants in UTC whatever offset they carry', () => {
    expect(isoUtc('2026-11-30T11:02:30.250+01:00')).toBe('2026-11-30T10:02:30Z');
    expect(humanUtc('2026-11-30T10:02:30Z')).toBe('Mon 30 Nov 2026, 10:02:30 UTC');
    expect(instantText('2026-02-01T00:00:00Z')).toBe('2026-02-01T00:00:00Z (Sun 1 Feb 2026, 00:00:00 UTC)');
    expect(instantText(null)).toBe('—');
  });

  it('writes durations in their two largest units', () => {
    expect(durationText(null)).toBe('—');
    expect(durationText(0)).toBe('0 s');
    expect(durationText(250)).toBe('250 ms');
    expect(durationText(45_000)).toBe('45 s');
    expect(durationText(150_000)).toBe('2 min 30 s');
    expect(durationText(3_600_000)).toBe('1 h');
    expect(durationText(3_905_000)).toBe('1 h 5 min');
    expect(durationText(3 * 86_400_000 + 4 * 3_600_000 + 59_000)).toBe('3 d 4 h');
  });

  it('writes offsets from the first alert', () => {
    expect(offsetText('2026-11-30T10:00:00Z', '2026-11-30T10:00:00Z')).toBe('+0 s');
    expect(offsetText('2026-11-30T10:00:00Z', '2026-11-30T10:07:30Z')).toBe('+7 min 30 s');
    expect(offsetText('2026-11-30T10:00:00Z', '2026-11-30T09:59:00Z')).toBe('−1 min');
  });
});
