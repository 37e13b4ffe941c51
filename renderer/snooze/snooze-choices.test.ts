import { describe, expect, it } from 'vitest';
import { customUntil, localInputValue, showsSnoozed, snoozeEndText, tomorrowMorning } from './snooze-choices.js';

describe('snooze choices', () => {
  it('finds tomorrow 08:00 in the console time zone', () => {
    const now = new Date(2026, 10, 30, 23, 40);
    expect(tomorrowMorning(now)).toEqual(new Date(2026, 11, 1, 8, 0));
  });

  it('reads the custom field as an instant, and nothing from an empty or broken one', () => {
    const at = new Date(2026, 11, 1, 14, 30);
    expect(customUntil(localInputValue(at))).toBe(at.toISOString());
    expect(customUntil('')).toBeNull();
    expect(customUntil('tomorrow')).toBeNull();
  });

  it('says the end as a time today and with the weekday on another day', () => {
    const now = new Date(2026, 11, 1, 9, 0);
    expect(snoozeEndText(new Date(2026, 11, 1, 14, 30).toISOString(), now)).toMatch(/^14:30$/);
    expect(snoozeEndText(new Date(2026, 11, 2, 8, 0).toISOString(), now)).toMatch(/^\S+ 08:00$/);
  });

  it('shows an acknowledged incident with its end ahead as snoozed, and nothing else', () => {
    const now = new Date('2026-12-01T09:00:00Z');
    expect(showsSnoozed({ status: 'acknowledged', snoozedUntil: '2026-12-01T10:00:00Z' }, now)).toBe(true);
    expect(showsSnoozed({ status: 'acknowledged', snoozedUntil: '2026-12-01T08:00:00Z' }, now)).toBe(false);
    expect(showsSnoozed({ status: 'triggered', snoozedUntil: '2026-12-01T10:00:00Z' }, now)).toBe(false);
    expect(showsSnoozed({ status: 'acknowledged' }, now)).toBe(false);
  });
});
