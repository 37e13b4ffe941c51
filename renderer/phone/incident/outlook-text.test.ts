import { describe, expect, it } from 'vitest';
import { ageOf, clockSpan, outlookText } from './outlook-text.js';

const now = Date.parse('2026-01-01T00:00:00.000Z');

const display = { zone: 'Asia/Kolkata', hourCycle: 24 as const };

describe('outlookText', () => {
  it('counts down to the next level or the failover', () => {
    expect(outlookText({ kind: 'countdown', level: 0, at: '2026-01-01T00:04:59.400Z', next: { kind: 'level', level: 1 } }, now, display)).toBe('Level 2 in 4:59');
    expect(outlookText({ kind: 'countdown', level: 1, at: '2026-01-01T01:00:05.000Z', next: { kind: 'failover' } }, now, display)).toBe('Failover in 1:00:05');
    expect(outlookText({ kind: 'countdown', level: 1, at: '2025-12-31T23:59:59.000Z', next: { kind: 'failover' } }, now, display)).toBe('Failover now…');
  });

  it('says what stopped or ended it', () => {
    expect(outlookText({ kind: 'stopped', reason: 'read', at: null }, now, display)).toBe('Read stopped the escalation');
    expect(outlookText({ kind: 'stopped', reason: 'acknowledged', at: null }, now, display)).toBe('Acknowledge stopped the escalation');
    expect(outlookText({ kind: 'failed-over', at: null }, now, display)).toMatch(/^Escalation failed over/);
    expect(outlookText({ kind: 'finished', at: null }, now, display)).toMatch(/^Escalation finished/);
    expect(outlookText({ kind: 'none' }, now, display)).toBe('No escalation running');
  });

  it('says until when a deferred escalation is held, on the viewer clock', () => {
    expect(outlookText({ kind: 'deferred', until: '2026-01-01T03:30:00.000Z' }, now, display)).toBe('Held until 09:00 UTC+5:30');
    expect(outlookText({ kind: 'deferred', until: '2026-01-01T13:00:00.000Z' }, now, { zone: 'America/New_York', hourCycle: 12 })).toBe('Held until Thu 1 Jan 8:00 AM EST');
  });
});

describe('clockSpan and ageOf', () => {
  it('format spans and ages', () => {
    expect(clockSpan(61_000)).toBe('1:01');
    expect(clockSpan(-5)).toBe('0:00');
    expect(ageOf('2025-12-31T23:59:15.000Z', now)).toBe('45s');
    expect(ageOf('2025-12-31T20:55:00.000Z', now)).toBe('3h 5m');
    expect(ageOf('2025-12-29T20:00:00.000Z', now)).toBe('2d 4h');
  });
});
