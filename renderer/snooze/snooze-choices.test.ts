import { describe, expect, it } from 'vitest';
import { customUntil, localInputValue, showsSnoozed, snoozeEndText, tomorrowMorning } from './snooze-choices.js';

describe('snooze choices', () => {
  it('finds tomorrow 08:00 on the viewer clock', () => {
    const now = new Date('2026-12-01T04:40:00Z');
    expect(tomorrowMorning(now, 'America/New_York')).toEqual(new Date('2026-12-01T13:00:00Z'));
    expect(tomorrowMorning(now, 'Asia/Kolkata')).toEqual(new Date('2026-12-02T02:30:00Z'));
  });

  it('reads the custom field as an instant on the viewer clock, and nothing from an empty or broken one', () => {
    const at = new Date('2026-12-01T14:30:00Z');
    expect(localInputValue(at, 'Asia/Kolkata')).toBe('2026-12-01T20:00');
    expect(customUntil(localInputValue(at, 'Pacific/Chatham'), 'Pacific/Chatham')).toBe(at.toISOString());
    expect(customUntil('', 'UTC')).toBeNull();
    expect(customUntil('tomorrow', 'UTC')).toBeNull();
  });

  it('says the end as a time today and with the day on another day, with the zone', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    const display = { zone: 'America/New_York', hourCycle: 24 as const };
    expect(snoozeEndText('2026-12-01T19:30:00Z', now, display)).toBe('14:30 EST');
    expect(snoozeEndText('2026-12-02T13:00:00Z', now, display)).toBe('Wed 2 Dec 08:00 EST');
    expect(snoozeEndText('2026-12-02T13:00:00Z', now, { ...display, hourCycle: 12 })).toBe('Wed 2 Dec 8:00 AM EST');
  });

  it('shows an acknowledged incident with its end ahead as snoozed, and nothing else', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    expect(showsSnoozed({ status: 'acknowledged', snoozedUntil: '2026-12-01T10:00:00Z' }, now)).toBe(true);
    expect(showsSnoozed({ status: 'acknowledged', snoozedUntil: '2026-12-01T08:00:00Z' }, now)).toBe(false);
    expect(showsSnoozed({ status: 'triggered', snoozedUntil: '2026-12-01T10:00:00Z' }, now)).toBe(false);
    expect(showsSnoozed({ status: 'acknowledged' }, now)).toBe(false);
  });
});
