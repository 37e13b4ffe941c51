import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { seededRandom } from './test-fixtures.js';
import { createZoneTime, localDayStart, parseLocalDateTime, parseLocalTime, type ZoneTime } from './zone-time.js';

function zone(name: string): ZoneTime {
  const z = createZoneTime(name);
  if (!z) throw new Error(`unknown zone ${name}`);
  return z;
}

/** Resolves a local reading written as text to an ISO instant. */
function resolve(z: ZoneTime, text: string): string {
  return new Date(z.fromLocal(parseLocalDateTime(text) ?? Number.NaN)).toISOString();
}

describe('parseLocalDateTime', () => {
  it('reads minutes and optional seconds as a UTC-shaped local value', () => {
    expect(parseLocalDateTime('2026-11-02T09:00')).toBe(Date.UTC(2026, 10, 2, 9, 0));
    expect(parseLocalDateTime('2026-11-02T09:00:30')).toBe(Date.UTC(2026, 10, 2, 9, 0, 30));
  });

  it('refuses dates that do not exist and other text', () => {
    expect(parseLocalDateTime('2026-02-29T09:00')).toBeNull();
    expect(parseLocalDateTime('2026-04-31T09:00')).toBeNull();
    expect(parseLocalDateTime('2026-11-02T24:00')).toBeNull();
    expect(parseLocalDateTime('2026-11-02 09:00')).toBeNull();
    expect(parseLocalDateTime('2028-02-29T00:00')).toBe(Date.UTC(2028, 1, 29));
  });
});

describe('parseLocalTime', () => {
  it('reads HH:MM up to 24:00 as minutes after midnight', () => {
    expect(parseLocalTime('00:00')).toBe(0);
    expect(parseLocalTime('09:30')).toBe(570);
    expect(parseLocalTime('24:00')).toBe(1440);
    expect(parseLocalTime('24:01')).toBeNull();
    expect(parseLocalTime('12:60')).toBeNull();
    expect(parseLocalTime('9:00')).toBeNull();
  });
});

describe('createZoneTime', () => {
  it('returns null for a zone the runtime does not know', () => {
    expect(createZoneTime('Mars/Olympus_Mons')).toBeNull();
  });

  it('reads plain local times with the offset in force', () => {
    const ny = zone('America/New_York');
    expect(resolve(ny, '2026-11-02T09:00')).toBe('2026-11-02T14:00:00.000Z');
    expect(resolve(ny, '2026-07-01T09:00')).toBe('2026-07-01T13:00:00.000Z');
    expect(new Date(ny.toLocal(Date.parse('2026-07-01T13:00Z'))).toISOString()).toBe('2026-07-01T09:00:00.000Z');
  });

  it('moves a reading in the spring-forward gap to the first valid instant', () => {
    const ny = zone('America/New_York');
    // 02:00–03:00 does not exist on 2026-03-08; the clocks jump at 07:00Z.
    expect(resolve(ny, '2026-03-08T02:00')).toBe('2026-03-08T07:00:00.000Z');
    expect(resolve(ny, '2026-03-08T02:30')).toBe('2026-03-08T07:00:00.000Z');
    expect(resolve(ny, '2026-03-08T02:59')).toBe('2026-03-08T07:00:00.000Z');
    expect(resolve(ny, '2026-03-08T03:00')).toBe('2026-03-08T07:00:00.000Z');
    expect(resolve(ny, '2026-03-08T01:59')).toBe('2026-03-08T06:59:00.000Z');
  });

  it('takes the earlier instant of a reading repeated by the fall back', () => {
    const ny = zone('America/New_York');
    // 01:00–02:00 happens twice on 2026-11-01: first in EDT (-4), then in EST (-5).
    expect(resolve(ny, '2026-11-01T01:00')).toBe('2026-11-01T05:00:00.000Z');
    expect(resolve(ny, '2026-11-01T01:30')).toBe('2026-11-01T05:30:00.000Z');
    expect(resolve(ny, '2026-11-01T02:00')).toBe('2026-11-01T07:00:00.000Z');
    expect(resolve(ny, '2026-11-01T00:59')).toBe('2026-11-01T04:59:00.000Z');
  });

  it('handles the southern hemisphere and half-hour DST (Auckland, Lord Howe)', () => {
    const akl = zone('Pacific/Auckland');
    expect(resolve(akl, '2026-09-27T02:30')).toBe('2026-09-26T14:00:00.000Z');
    expect(resolve(akl, '2026-04-05T02:30')).toBe('2026-04-04T13:30:00.000Z');
    const lhi = zone('Australia/Lord_Howe');
    // Lord Howe moves by 30 minutes: 02:00 → 02:30 on 2026-10-04 (+10:30 → +11).
    expect(resolve(lhi, '2026-10-04T02:15')).toBe('2026-10-03T15:30:00.000Z');
  });

  it('agrees with luxon for every reading that is neither skipped nor repeated', () => {
    const random = seededRandom(7);
    for (const name of ['America/New_York', 'Pacific/Auckland', 'Europe/London', 'Asia/Kolkata', 'America/Los_Angeles']) {
      const z = zone(name);
      for (let i = 0; i < 300; i += 1) {
        const instant = Date.UTC(2026, 0, 1) + Math.floor(random() * 730) * 3_600_000 * 24 + Math.floor(random() * 96) * 900_000;
        const local = z.toLocal(instant);
        const dt = DateTime.fromMillis(instant, { zone: name });
        expect(local).toBe(Date.UTC(dt.year, dt.month - 1, dt.day, dt.hour, dt.minute));
        const back = z.fromLocal(local);
        // A repeated reading resolves to its first instant, an hour before the second.
        expect(back === instant || back === instant - 3_600_000).toBe(true);
        expect(z.toLocal(back)).toBe(local);
      }
    }
  });

  it('gives the local midnight of a local value', () => {
    expect(localDayStart(Date.UTC(2026, 10, 2, 23, 59))).toBe(Date.UTC(2026, 10, 2));
    expect(localDayStart(Date.UTC(1969, 11, 31, 12))).toBe(Date.UTC(1969, 11, 31));
  });
});
