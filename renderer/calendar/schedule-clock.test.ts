import { describe, expect, it } from 'vitest';
import { todayIn } from '../time/time-zone.js';
import { handoffText } from './schedule-clock.js';

// 2026-03-08 05:30 UTC: in New York the night spring-forward happens (00:30 EST, a 23-hour day);
// still the 7th in Los Angeles (21:30 PST), already the 8th in Tokyo (14:30 JST).
const AT = new Date('2026-03-08T05:30:00Z');
const names: Record<string, string> = { bob: 'Bob Example', cara: 'Cara Example' };
const nameOf = (id: string) => names[id] ?? id;

describe('the schedule clock', () => {
  it("takes the calendar's today from the schedule zone, not from UTC", () => {
    expect(todayIn('America/Los_Angeles', AT)).toBe('2026-03-07');
    expect(todayIn('America/New_York', AT)).toBe('2026-03-08');
    expect(todayIn('Asia/Tokyo', AT)).toBe('2026-03-08');
    expect(todayIn('America/New_York', new Date('2026-11-29T03:00:00Z'))).toBe('2026-11-28');
  });

  it('writes the next handoff on the schedule clock with its zone named, on either side of DST', () => {
    expect(handoffText({ at: AT.toISOString(), users: ['bob'] }, 'America/New_York', 24, nameOf)).toBe('Sun 8 Mar 00:30 EST (New York) → Bob Example');
    expect(handoffText({ at: '2026-03-08T07:30:00Z', users: ['bob', 'cara'] }, 'America/New_York', 12, nameOf)).toBe(
      'Sun 8 Mar 3:30 AM EDT (New York) → Bob Example, Cara Example',
    );
    expect(handoffText({ at: AT.toISOString(), users: [] }, 'Asia/Tokyo', 24, nameOf)).toBe('Sun 8 Mar 14:30 UTC+9 (Tokyo) → nobody');
    expect(handoffText({ at: AT.toISOString(), users: ['cara'] }, 'America/Los_Angeles', 24, nameOf)).toBe('Sat 7 Mar 21:30 PST (Los Angeles) → Cara Example');
    expect(handoffText(null, 'UTC', 24, nameOf)).toBe('No handoff in the next 60 days');
  });
});
