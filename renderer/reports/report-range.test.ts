import { describe, expect, it } from 'vitest';
import { rangeDays, rangeInstants, rangeText } from './report-range.js';

// 30 Nov 2026, 22:38 UTC: already 1 Dec in Auckland, still 30 Nov in New York.
const NOW = new Date('2026-11-30T22:38:00Z');

describe('rangeInstants', () => {
  it('reads "last 7 days" as today and the six days before, from local midnight to the next', () => {
    expect(rangeInstants({ preset: 'last-7-days' }, NOW, 'UTC')).toEqual({ from: '2026-11-24T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(rangeInstants({ preset: 'last-7-days' }, NOW, 'America/New_York')).toEqual({
      from: '2026-11-24T05:00:00.000Z',
      to: '2026-12-01T05:00:00.000Z',
    });
    // In Auckland it is 1 Dec already (UTC+13 in summer).
    expect(rangeInstants({ preset: 'last-7-days' }, NOW, 'Pacific/Auckland')).toEqual({
      from: '2026-11-24T11:00:00.000Z',
      to: '2026-12-01T11:00:00.000Z',
    });
  });

  it('covers 30 and 90 days', () => {
    const r30 = rangeInstants({ preset: 'last-30-days' }, NOW, 'UTC');
    const r90 = rangeInstants({ preset: 'last-90-days' }, NOW, 'UTC');
    expect(r30).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(r90).toEqual({ from: '2026-09-02T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
  });

  it('takes this month to the end of today and last month whole, in the zone', () => {
    expect(rangeInstants({ preset: 'this-month' }, NOW, 'UTC')).toEqual({ from: '2026-11-01T00:00:00.000Z', to: '2026-12-01T00:00:00.000Z' });
    expect(rangeInstants({ preset: 'last-month' }, NOW, 'UTC')).toEqual({ from: '2026-10-01T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' });
    // Berlin's October ends on winter time: the month starts at 22:00 UTC and ends at 23:00 UTC.
    expect(rangeInstants({ preset: 'last-month' }, NOW, 'Europe/Berlin')).toEqual({
      from: '2026-09-30T22:00:00.000Z',
      to: '2026-10-31T23:00:00.000Z',
    });
    expect(rangeInstants({ preset: 'this-month' }, NOW, 'Pacific/Auckland')).toEqual({
      from: '2026-11-30T11:00:00.000Z',
      to: '2026-12-01T11:00:00.000Z',
    });
  });

  it('takes a custom range from the start of its first day to the end of its last, in the zone', () => {
    expect(rangeInstants({ preset: 'custom', fromDate: '2026-11-02', toDate: '2026-11-03' }, NOW, 'Europe/Berlin')).toEqual({
      from: '2026-11-01T23:00:00.000Z',
      to: '2026-11-03T23:00:00.000Z',
    });
    expect(rangeInstants({ preset: 'custom', fromDate: '2026-11-02', toDate: '2026-11-02' }, NOW, 'UTC')).toEqual({
      from: '2026-11-02T00:00:00.000Z',
      to: '2026-11-03T00:00:00.000Z',
    });
  });

  it('refuses an incomplete, impossible, reversed or too long custom range with a reason', () => {
    expect(rangeInstants({ preset: 'custom', fromDate: '2026-11-02' }, NOW, 'UTC')).toEqual({ error: 'Pick the first and the last day of the range.' });
    expect(rangeInstants({ preset: 'custom', fromDate: '2026-02-30', toDate: '2026-03-02' }, NOW, 'UTC')).toHaveProperty('error');
    expect(rangeInstants({ preset: 'custom', fromDate: '2026-11-03', toDate: '2026-11-02' }, NOW, 'UTC')).toEqual({
      error: 'The last day comes before the first day.',
    });
    expect(rangeInstants({ preset: 'custom', fromDate: '2025-01-01', toDate: '2026-01-01' }, NOW, 'UTC')).toHaveProperty('from');
    expect(rangeInstants({ preset: 'custom', fromDate: '2025-01-01', toDate: '2026-01-02' }, NOW, 'UTC')).toEqual({ error: 'A report covers at most 366 days.' });
  });
});

describe('rangeDays and rangeText', () => {
  it('gives back the first and last day a range covers', () => {
    const range = rangeInstants({ preset: 'custom', fromDate: '2026-11-02', toDate: '2026-11-09' }, NOW, 'Europe/Berlin');
    if ('error' in range) throw new Error(range.error);
    expect(rangeDays(range, 'Europe/Berlin')).toEqual({ fromDate: '2026-11-02', toDate: '2026-11-09' });
    expect(rangeText(range, 'Europe/Berlin')).toBe('2 Nov 2026 – 9 Nov 2026');
    expect(rangeText({ from: '2026-11-02T00:00:00.000Z', to: '2026-11-03T00:00:00.000Z' }, 'UTC')).toBe('2 Nov 2026');
  });
});
