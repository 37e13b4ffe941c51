import { describe, expect, it } from 'vitest';
import { instantFromLocal, localInputIn, tomorrowAtIn } from './local-input.js';

const AT = new Date('2026-03-08T06:30:00Z');

describe('datetime-local values on a chosen clock', () => {
  it('shows an instant in three zones', () => {
    expect(localInputIn(AT, 'America/New_York')).toBe('2026-03-08T01:30');
    expect(localInputIn(AT, 'Asia/Kolkata')).toBe('2026-03-08T12:00');
    expect(localInputIn(AT, 'Pacific/Chatham')).toBe('2026-03-08T20:15');
  });

  it('reads a value back to the same instant', () => {
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Pacific/Chatham']) {
      expect(instantFromLocal(localInputIn(AT, zone), zone)).toBe('2026-03-08T06:30:00Z');
    }
  });

  it('refuses what is not a time', () => {
    expect(instantFromLocal('', 'UTC')).toBeNull();
    expect(instantFromLocal('tomorrow', 'UTC')).toBeNull();
    expect(instantFromLocal('2026-13-40T25:00', 'UTC')).toBeNull();
  });

  it('finds tomorrow morning on the zone clock, across daylight saving time', () => {
    // Saturday 7 March 22:00 in New York (EST); Sunday 08:00 is already EDT.
    expect(tomorrowAtIn('America/New_York', new Date('2026-03-08T03:00:00Z')).toISOString()).toBe('2026-03-08T12:00:00.000Z');
    expect(tomorrowAtIn('Asia/Kolkata', AT).toISOString()).toBe('2026-03-09T02:30:00.000Z');
    expect(tomorrowAtIn('Pacific/Chatham', AT).toISOString()).toBe('2026-03-08T18:15:00.000Z');
  });
});
