import { describe, expect, it } from 'vitest';
import type { PersonLoad } from '../../shared/schemas/calendar.js';
import { loadOf, readFairness } from './fairness-notes.js';

const load = (userId: string, onCallHours: number, offHoursHours: number, pages = 0, nightPages = 0): PersonLoad => ({
  userId,
  name: `${userId[0]!.toUpperCase()}${userId.slice(1)}`,
  onCallHours,
  offHoursHours,
  pages,
  nightPages,
  incidentsHandled: 0,
});

describe('reading the fair on-call table', () => {
  it('weighs load as the rebalance does', () => {
    expect(loadOf(load('ann', 40, 10, 3, 1))).toBe(40 + 10 + 2 + 1);
  });

  it('marks everyone sharing the top load, and says they tie on equal hours', () => {
    const reading = readFairness([load('ann', 84, 36, 2, 1), load('bob', 84, 36, 2, 1), load('cara', 12, 0)]);
    expect(reading.heaviest).toEqual(['ann', 'bob']);
    expect(reading.ties).toEqual(['Ann and Bob tie at a load of 122.5 h: each had 84 h on call, 36 off-hours h, 2 pages (1 at night).']);
  });

  it('explains a tie of different hours that weigh the same', () => {
    const reading = readFairness([load('ann', 60, 10), load('bob', 50, 14, 6, 2), load('cara', 70, 0)]);
    expect(reading.heaviest).toEqual(['ann', 'bob', 'cara']);
    expect(reading.ties).toHaveLength(1);
    expect(reading.ties[0]).toMatch(/^Ann, Bob and Cara tie at a load of 70 h — different hours that weigh the same/);
    expect(reading.ties[0]).toContain('Bob 50 h on call, 14 off-hours h, 6 pages (2 at night)');
  });

  it('says why idle people tie and marks nobody heaviest when nobody carried anything', () => {
    expect(readFairness([load('ann', 0, 0), load('bob', 0, 0)])).toEqual({
      heaviest: [],
      ties: ['Ann and Bob tie at no load: none of them was on call or paged in this window.'],
    });
    expect(readFairness([load('ann', 5, 0), load('bob', 6, 0)]).ties).toEqual([]);
  });
});
