import { describe, expect, it } from 'vitest';
import { formatInstant, formatRange } from './format-instant.js';

const AT = '2026-03-08T06:30:07Z';
const AFTER_DST = '2026-03-08T07:30:07Z';

describe('formatInstant at a fixed instant in three zones', () => {
  it('shows a date and time with the zone, 24-hour', () => {
    expect(formatInstant(AT, { zone: 'America/New_York' })).toBe('8 Mar 2026 01:30 EST');
    expect(formatInstant(AFTER_DST, { zone: 'America/New_York' })).toBe('8 Mar 2026 03:30 EDT');
    expect(formatInstant(AT, { zone: 'Asia/Kolkata' })).toBe('8 Mar 2026 12:00 UTC+5:30');
    expect(formatInstant(AT, { zone: 'Pacific/Chatham' })).toBe('8 Mar 2026 20:15 UTC+13:45');
  });

  it('shows the same on a 12-hour clock', () => {
    expect(formatInstant(AT, { zone: 'America/New_York', hourCycle: 12 })).toBe('8 Mar 2026 1:30 AM EST');
    expect(formatInstant(AT, { zone: 'Asia/Kolkata', hourCycle: 12 })).toBe('8 Mar 2026 12:00 PM UTC+5:30');
    expect(formatInstant(AT, { zone: 'Pacific/Chatham', hourCycle: 12 })).toBe('8 Mar 2026 8:15 PM UTC+13:45');
    expect(formatInstant('2026-03-08T05:00:00Z', { zone: 'America/New_York', hourCycle: 12, style: 'time' })).toBe('12:00 AM EST');
  });

  it('shows each style', () => {
    const zone = 'Asia/Kolkata';
    expect(formatInstant(AT, { zone, style: 'time' })).toBe('12:00 UTC+5:30');
    expect(formatInstant(AT, { zone, style: 'seconds' })).toBe('12:00:07 UTC+5:30');
    expect(formatInstant(AT, { zone, style: 'seconds', hourCycle: 12 })).toBe('12:00:07 PM UTC+5:30');
    expect(formatInstant(AT, { zone, style: 'day-time' })).toBe('Sun 8 Mar 12:00 UTC+5:30');
    expect(formatInstant(AT, { zone, style: 'day-seconds' })).toBe('Sun 8 Mar 12:00:07 UTC+5:30');
    expect(formatInstant(AT, { zone, style: 'date' })).toBe('8 Mar 2026 UTC+5:30');
    expect(formatInstant(AT, { zone, style: 'date-time', showZone: false })).toBe('8 Mar 2026 12:00');
  });

  it('shows only the time for today in that zone, the day otherwise', () => {
    const now = new Date('2026-03-08T10:00:00Z');
    expect(formatInstant(AT, { zone: 'Asia/Kolkata', style: 'smart', now })).toBe('12:00 UTC+5:30');
    // In New York 06:30Z is still Sunday but 10:00Z is Sunday too; an instant the day before is not.
    expect(formatInstant('2026-03-08T04:00:00Z', { zone: 'America/New_York', style: 'smart', now })).toBe('Sat 7 Mar 23:00 EST');
  });

  it('answers a dash for nothing or nonsense', () => {
    expect(formatInstant(null, { zone: 'UTC' })).toBe('—');
    expect(formatInstant('not a time', { zone: 'UTC' })).toBe('—');
  });

  it('takes epoch milliseconds and Dates', () => {
    expect(formatInstant(Date.parse(AT), { zone: 'UTC', style: 'seconds' })).toBe('06:30:07 UTC');
    expect(formatInstant(new Date(AT), { zone: 'UTC', style: 'seconds' })).toBe('06:30:07 UTC');
  });
});

describe('formatRange', () => {
  it('names the day once within a day', () => {
    expect(formatRange('2026-03-08T14:00:00Z', '2026-03-08T16:30:00Z', { zone: 'UTC' })).toBe('Sun 8 Mar 14:00 – 16:30 UTC');
    expect(formatRange('2026-03-08T14:00:00Z', '2026-03-08T16:30:00Z', { zone: 'UTC', hourCycle: 12 })).toBe('Sun 8 Mar 2:00 PM – 4:30 PM UTC');
  });

  it('names both days across midnight, in the zone', () => {
    expect(formatRange('2026-03-08T14:00:00Z', '2026-03-08T16:30:00Z', { zone: 'Pacific/Chatham' })).toBe('Mon 9 Mar 03:45 – 06:15 UTC+13:45');
    expect(formatRange('2026-03-08T16:00:00Z', '2026-03-08T20:00:00Z', { zone: 'Asia/Kolkata' })).toBe('Sun 8 Mar 21:30 – Mon 9 Mar 01:30 UTC+5:30');
  });

  it('labels both ends when daylight saving time starts between them', () => {
    expect(formatRange(AT, AFTER_DST, { zone: 'America/New_York' })).toBe('Sun 8 Mar 01:30 EST – 03:30 EDT');
  });
});
