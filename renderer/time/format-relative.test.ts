import { describe, expect, it } from 'vitest';
import { ageSince, durationText, formatAge, formatRelative } from './format-relative.js';

const NOW = new Date('2026-03-08T06:30:00Z');
const before = (seconds: number) => new Date(NOW.getTime() - seconds * 1000).toISOString();

describe('formatRelative', () => {
  it('says how long ago', () => {
    expect(formatRelative(before(3), NOW)).toBe('just now');
    expect(formatRelative(before(45), NOW)).toBe('45 s ago');
    expect(formatRelative(before(4 * 60 + 59), NOW)).toBe('4 min ago');
    expect(formatRelative(before(3 * 3600 + 60), NOW)).toBe('3 h ago');
    expect(formatRelative(before(86_400), NOW)).toBe('1 day ago');
    expect(formatRelative(before(3 * 86_400), NOW)).toBe('3 days ago');
  });

  it('says how far ahead', () => {
    expect(formatRelative(before(-4 * 60), NOW)).toBe('in 4 min');
    expect(formatRelative(before(-2 * 3600), NOW)).toBe('in 2 h');
  });

  it('answers a dash for nothing', () => {
    expect(formatRelative(null, NOW)).toBe('—');
    expect(formatRelative('nonsense', NOW)).toBe('—');
  });
});

// The board's and the wall screen's compact ages (formerly board-format ageText and wallboard-format formatAge).
describe('compact ages', () => {
  it('formats an age the way the board shows it', () => {
    expect(ageSince(before(45), NOW)).toBe('45s');
    expect(ageSince(before(12 * 60 + 5), NOW)).toBe('12m');
    expect(ageSince(before(3 * 3600 + 5 * 60), NOW)).toBe('3h 05m');
    expect(ageSince(before(2 * 86_400 + 4 * 3600), NOW)).toBe('2d 04h');
  });

  it('never goes negative', () => {
    expect(ageSince(before(-30), NOW)).toBe('0s');
    expect(formatAge(-5)).toBe('0s');
  });

  it('formats durations in seconds and milliseconds, a dash for none', () => {
    expect(formatAge(null)).toBe('—');
    expect(formatAge(45)).toBe('45s');
    expect(formatAge(720)).toBe('12m');
    expect(formatAge(3 * 3600 + 300)).toBe('3h 05m');
    expect(durationText(null)).toBe('—');
    expect(durationText(90_000)).toBe('1m');
  });
});
