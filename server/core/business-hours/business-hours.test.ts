import { describe, expect, it } from 'vitest';
import type { Weekday } from '../../../shared/schemas/common.js';
import { isBusinessTime, nextBusinessStart, type BusinessTeam } from './business-hours.js';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];

function team(timeZone: string, start: string, end: string, holidays: string[] = [], days: Weekday[] = WEEKDAYS): BusinessTeam {
  return { timeZone, businessHours: { days, start, end }, holidays };
}

const at = (instant: string) => new Date(instant);
const next = (t: BusinessTeam, instant: string) => nextBusinessStart(t, at(instant)).toISOString();

describe('America/New_York, Mon–Fri 09:00–17:00', () => {
  const ny = team('America/New_York', '09:00', '17:00', ['2026-11-26']);

  it('is business time inside the window only, end excluded', () => {
    expect(isBusinessTime(ny, at('2026-03-06T14:00:00Z'))).toBe(true); // Fri 09:00 EST
    expect(isBusinessTime(ny, at('2026-03-06T13:59:59Z'))).toBe(false);
    expect(isBusinessTime(ny, at('2026-03-06T21:59:59Z'))).toBe(true); // Fri 16:59:59 EST
    expect(isBusinessTime(ny, at('2026-03-06T22:00:00Z'))).toBe(false); // Fri 17:00 EST
  });

  it('returns `at` itself within business hours', () => {
    expect(next(ny, '2026-03-09T16:00:00Z')).toBe('2026-03-09T16:00:00.000Z');
  });

  it('skips the weekend of the spring-forward change (2026-03-08) to Monday 09:00 EDT', () => {
    expect(next(ny, '2026-03-06T23:00:00Z')).toBe('2026-03-09T13:00:00.000Z'); // Fri 18:00 EST
    expect(next(ny, '2026-03-08T08:00:00Z')).toBe('2026-03-09T13:00:00.000Z'); // Sun 04:00 EDT
  });

  it('skips the weekend of the fall-back change (2026-11-01) to Monday 09:00 EST', () => {
    expect(next(ny, '2026-10-30T21:00:00Z')).toBe('2026-11-02T14:00:00.000Z'); // Fri 17:00 EDT
    expect(isBusinessTime(ny, at('2026-11-02T13:30:00Z'))).toBe(false); // Mon 08:30 EST (09:30 by summer time)
  });

  it('waits before the window on a working day', () => {
    expect(next(ny, '2026-03-10T11:00:00Z')).toBe('2026-03-10T13:00:00.000Z'); // Tue 07:00 EDT
  });

  it('skips a holiday (Thanksgiving) to the next working day', () => {
    expect(isBusinessTime(ny, at('2026-11-26T15:00:00Z'))).toBe(false); // Thu 10:00 EST
    expect(next(ny, '2026-11-25T23:00:00Z')).toBe('2026-11-27T14:00:00.000Z'); // Wed 18:00 → Fri 09:00
  });

  it('moves a start the clocks skip to the moment they jump', () => {
    const sunday = team('America/New_York', '02:30', '06:00', [], ['sun']);
    expect(next(sunday, '2026-03-08T06:00:00Z')).toBe('2026-03-08T07:00:00.000Z'); // 01:00 EST → 03:00 EDT
    expect(isBusinessTime(sunday, at('2026-03-08T06:59:59Z'))).toBe(false);
    expect(isBusinessTime(sunday, at('2026-03-08T07:00:00Z'))).toBe(true);
    expect(isBusinessTime(sunday, at('2026-03-08T09:59:59Z'))).toBe(true); // 05:59:59 EDT
    expect(isBusinessTime(sunday, at('2026-03-08T10:00:00Z'))).toBe(false);
    expect(next(sunday, '2026-03-01T06:00:00Z')).toBe('2026-03-01T07:30:00.000Z'); // a normal Sunday: 02:30 EST
  });

  it('ends an overnight window whose end the clocks skip when they jump', () => {
    const night = team('America/New_York', '22:00', '02:30', [], ['sat']);
    expect(isBusinessTime(night, at('2026-03-08T03:00:00Z'))).toBe(true); // Sat 22:00 EST
    expect(isBusinessTime(night, at('2026-03-08T06:59:59Z'))).toBe(true); // Sun 01:59:59 EST
    expect(isBusinessTime(night, at('2026-03-08T07:00:00Z'))).toBe(false); // Sun 03:00 EDT
  });

  it('gives a whole-day window its 25 hours on the fall-back day', () => {
    const weekend = team('America/New_York', '00:00', '24:00', [], ['sat', 'sun']);
    expect(isBusinessTime(weekend, at('2026-11-01T04:00:00Z'))).toBe(true); // Sun 00:00 EDT
    expect(isBusinessTime(weekend, at('2026-11-02T04:59:59Z'))).toBe(true); // Sun 23:59:59 EST
    expect(isBusinessTime(weekend, at('2026-11-02T05:00:00Z'))).toBe(false); // Mon 00:00 EST
    expect(next(weekend, '2026-11-02T05:00:00Z')).toBe('2026-11-07T05:00:00.000Z'); // Sat 00:00 EST
  });
});

describe('Asia/Kolkata, an overnight window Mon–Fri 20:00–04:00', () => {
  const offshore = team('Asia/Kolkata', '20:00', '04:00', ['2026-03-04']);

  it("is business time after midnight in the previous day's window", () => {
    expect(isBusinessTime(offshore, at('2026-03-06T14:30:00Z'))).toBe(true); // Fri 20:00 IST
    expect(isBusinessTime(offshore, at('2026-03-06T20:30:00Z'))).toBe(true); // Sat 02:00 IST, Friday's window
    expect(isBusinessTime(offshore, at('2026-03-06T22:30:00Z'))).toBe(false); // Sat 04:00 IST
  });

  it('skips the weekend', () => {
    expect(isBusinessTime(offshore, at('2026-03-07T15:00:00Z'))).toBe(false); // Sat 20:30 IST
    expect(next(offshore, '2026-03-07T15:00:00Z')).toBe('2026-03-09T14:30:00.000Z'); // Mon 20:00 IST
    expect(next(offshore, '2026-03-08T22:30:00Z')).toBe('2026-03-09T14:30:00.000Z'); // Mon 04:00 IST
  });

  it('skips a holiday window, but lets the previous night run into the holiday', () => {
    expect(isBusinessTime(offshore, at('2026-03-03T20:30:00Z'))).toBe(true); // Wed 02:00 IST, Tuesday's window
    expect(isBusinessTime(offshore, at('2026-03-04T15:30:00Z'))).toBe(false); // Wed 21:00 IST, holiday
    expect(isBusinessTime(offshore, at('2026-03-04T20:30:00Z'))).toBe(false); // Thu 02:00 IST
    expect(next(offshore, '2026-03-04T15:30:00Z')).toBe('2026-03-05T14:30:00.000Z'); // Thu 20:00 IST
  });
});

describe('Australia/Sydney, Mon–Fri 08:30–17:30', () => {
  const sydney = team('Australia/Sydney', '08:30', '17:30');

  it('opens Monday at 08:30 AEST after daylight saving ends (2026-04-05)', () => {
    expect(next(sydney, '2026-04-03T06:30:00Z')).toBe('2026-04-05T22:30:00.000Z'); // Fri 17:30 AEDT → Mon 08:30 AEST
  });

  it('opens Monday at 08:30 AEDT after daylight saving starts (2026-10-04)', () => {
    expect(next(sydney, '2026-10-02T08:00:00Z')).toBe('2026-10-04T21:30:00.000Z'); // Fri 18:00 AEST → Mon 08:30 AEDT
    expect(isBusinessTime(sydney, at('2026-10-04T21:30:00Z'))).toBe(true);
    expect(isBusinessTime(sydney, at('2026-10-04T22:29:00Z'))).toBe(true);
  });

  it('skips the Easter holidays across the DST change', () => {
    const easter = team('Australia/Sydney', '08:30', '17:30', ['2026-04-03', '2026-04-06']);
    expect(next(easter, '2026-04-02T07:00:00Z')).toBe('2026-04-06T22:30:00.000Z'); // Thu 18:00 AEDT → Tue 08:30 AEST
  });

  it('gives an overnight window its extra hour on the night the clocks go back', () => {
    const night = team('Australia/Sydney', '22:00', '06:00', [], ['sat', 'sun']);
    expect(isBusinessTime(night, at('2026-04-04T11:00:00Z'))).toBe(true); // Sat 22:00 AEDT
    expect(isBusinessTime(night, at('2026-04-04T19:59:59Z'))).toBe(true); // Sun 05:59:59 AEST
    expect(isBusinessTime(night, at('2026-04-04T20:00:00Z'))).toBe(false); // Sun 06:00 AEST
    expect(next(night, '2026-04-04T20:00:00Z')).toBe('2026-04-05T12:00:00.000Z'); // Sun 22:00 AEST
  });
});

describe('nextBusinessStart without any window', () => {
  it('returns `at` rather than hold for ever', () => {
    const mondays: string[] = [];
    for (let d = new Date('2026-01-05T00:00:00Z'); d.getUTCFullYear() < 2036; d.setUTCDate(d.getUTCDate() + 7)) {
      mondays.push(d.toISOString().slice(0, 10));
    }
    const never = team('UTC', '09:00', '17:00', mondays, ['mon']);
    expect(next(never, '2026-01-06T12:00:00Z')).toBe('2026-01-06T12:00:00.000Z');
  });
});
