import { describe, expect, it } from 'vitest';
import type { Indicator } from '../../shared/schemas/intel.js';
import { filterIndicators, isExpired, NO_FILTERS, tagsOf } from './intel-filters.js';
import { indicator } from './testing/indicator-fixture.js';

const now = new Date('2026-12-01T12:00:00Z');
const list = [
  indicator({ id: 'a', type: 'ip', value: '203.0.113.7', tags: ['c2', 'botnet'], source: 'Abuse feed' }),
  indicator({ id: 'b', type: 'domain', value: 'evil.example.com', tags: ['phishing'], notes: 'Seen in the March campaign', expiresAt: '2026-11-30T00:00:00.000Z' }),
  indicator({ id: 'c', type: 'hash', value: 'd41d8cd98f00b204e9800998ecf8427e', tags: ['c2'], expiresAt: '2026-12-31T00:00:00.000Z' }),
];
const ids = (xs: Indicator[]) => xs.map((x) => x.id);

describe('filterIndicators', () => {
  it('lets everything through with no filter', () => {
    expect(ids(filterIndicators(list, NO_FILTERS, now))).toEqual(['a', 'b', 'c']);
  });
  it('filters by type, tag, live only and every word of the text (value, source, notes, tags)', () => {
    expect(ids(filterIndicators(list, { ...NO_FILTERS, type: 'domain' }, now))).toEqual(['b']);
    expect(ids(filterIndicators(list, { ...NO_FILTERS, tag: 'c2' }, now))).toEqual(['a', 'c']);
    expect(ids(filterIndicators(list, { ...NO_FILTERS, liveOnly: true }, now))).toEqual(['a', 'c']);
    expect(ids(filterIndicators(list, { ...NO_FILTERS, text: 'MARCH campaign' }, now))).toEqual(['b']);
    expect(ids(filterIndicators(list, { ...NO_FILTERS, text: 'abuse 203.0' }, now))).toEqual(['a']);
    expect(ids(filterIndicators(list, { ...NO_FILTERS, text: 'botnet', type: 'hash' }, now))).toEqual([]);
  });
});

describe('isExpired and tagsOf', () => {
  it('an expiry at or before now is expired; null never', () => {
    expect(isExpired({ expiresAt: null }, now)).toBe(false);
    expect(isExpired({ expiresAt: now.toISOString() }, now)).toBe(true);
    expect(isExpired({ expiresAt: '2026-12-01T12:00:01Z' }, now)).toBe(false);
  });
  it('lists each tag once, sorted', () => {
    expect(tagsOf(list)).toEqual(['botnet', 'c2', 'phishing']);
  });
});
