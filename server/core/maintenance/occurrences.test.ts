import { describe, expect, it } from 'vitest';
import { compileTiming, parseRecurrence } from './occurrences.js';
import { nextBoundary, windowStatus } from './window-state.js';

const weekly = (zone: string, start: string, rrule = 'FREQ=WEEKLY;BYDAY=SU', durationMinutes = 120) => {
  const compiled = compileTiming({ recurrence: { rrule, start, durationMinutes }, timeZone: zone });
  if (!compiled.ok) throw new Error(compiled.issue.message);
  return compiled.timing;
};

describe('recurring windows across DST', () => {
  it('keeps every Sunday 02:00–04:00 Europe/London at 02:00 local across spring forward and fall back', () => {
    const timing = weekly('Europe/London', '2026-03-15T02:00');
    const got = timing.between(new Date('2026-03-14T00:00:00Z'), new Date('2026-04-06T00:00:00Z'));
    expect(got).toEqual([
      { start: '2026-03-15T02:00:00.000Z', end: '2026-03-15T04:00:00.000Z' },
      { start: '2026-03-22T02:00:00.000Z', end: '2026-03-22T04:00:00.000Z' },
      // 29 March: 01:00 GMT jumps to 02:00 BST; 02:00 local exists and is 01:00 UTC.
      { start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T03:00:00.000Z' },
      { start: '2026-04-05T01:00:00.000Z', end: '2026-04-05T03:00:00.000Z' },
    ]);
    const autumn = timing.between(new Date('2026-10-17T00:00:00Z'), new Date('2026-11-02T00:00:00Z'));
    expect(autumn).toEqual([
      { start: '2026-10-18T01:00:00.000Z', end: '2026-10-18T03:00:00.000Z' },
      // 25 October: 02:00 BST falls back to 01:00 GMT; 02:00–04:00 local is 02:00–04:00 UTC.
      { start: '2026-10-25T02:00:00.000Z', end: '2026-10-25T04:00:00.000Z' },
      { start: '2026-11-01T02:00:00.000Z', end: '2026-11-01T04:00:00.000Z' },
    ]);
  });

  it('ends a window that spans the spring-forward night at its local end time (one hour shorter in real time)', () => {
    const timing = weekly('Europe/London', '2026-03-29T00:30', 'FREQ=DAILY;COUNT=2', 180);
    expect(timing.between(new Date('2026-03-28T00:00:00Z'), new Date('2026-03-31T00:00:00Z'))).toEqual([
      // 00:30 GMT to 03:30 BST: two hours of real time.
      { start: '2026-03-29T00:30:00.000Z', end: '2026-03-29T02:30:00.000Z' },
      { start: '2026-03-29T23:30:00.000Z', end: '2026-03-30T02:30:00.000Z' },
    ]);
  });

  it('keeps America/New_York daily 01:00–05:00 local across both changes', () => {
    const timing = weekly('America/New_York', '2026-03-07T01:00', 'FREQ=DAILY', 240);
    expect(timing.between(new Date('2026-03-07T00:00:00Z'), new Date('2026-03-09T12:00:00Z'))).toEqual([
      { start: '2026-03-07T06:00:00.000Z', end: '2026-03-07T10:00:00.000Z' },
      // 8 March: 02:00 EST jumps to 03:00 EDT, so 01:00–05:00 local is three hours long.
      { start: '2026-03-08T06:00:00.000Z', end: '2026-03-08T09:00:00.000Z' },
      { start: '2026-03-09T05:00:00.000Z', end: '2026-03-09T09:00:00.000Z' },
    ]);
    expect(timing.between(new Date('2026-10-31T00:00:00Z'), new Date('2026-11-02T12:00:00Z'))).toEqual([
      { start: '2026-10-31T05:00:00.000Z', end: '2026-10-31T09:00:00.000Z' },
      // 1 November: 02:00 EDT falls back to 01:00 EST; the night is five hours long.
      { start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T10:00:00.000Z' },
      { start: '2026-11-02T06:00:00.000Z', end: '2026-11-02T10:00:00.000Z' },
    ]);
  });

  it('moves a start skipped by spring forward on by the gap', () => {
    const timing = weekly('America/New_York', '2026-03-08T02:30', 'FREQ=DAILY;COUNT=1', 60);
    // 02:30 does not exist on 8 March; it is read as 03:30 EDT.
    expect(timing.between(new Date('2026-03-08T00:00:00Z'), new Date('2026-03-09T00:00:00Z'))).toEqual([
      { start: '2026-03-08T07:30:00.000Z', end: '2026-03-08T08:30:00.000Z' },
    ]);
  });

  it('follows a far zone with a half-hour DST shift (Australia/Lord_Howe) and one without DST (Asia/Kolkata)', () => {
    const lordHowe = weekly('Australia/Lord_Howe', '2026-04-01T03:00', 'FREQ=DAILY', 60);
    // 5 April 2026: 02:00 +11 falls back to 01:30 +10:30.
    expect(lordHowe.between(new Date('2026-04-03T12:00:00Z'), new Date('2026-04-05T12:00:00Z'))).toEqual([
      { start: '2026-04-03T16:00:00.000Z', end: '2026-04-03T17:00:00.000Z' },
      { start: '2026-04-04T16:30:00.000Z', end: '2026-04-04T17:30:00.000Z' },
    ]);
    const kolkata = weekly('Asia/Kolkata', '2026-01-01T23:30', 'FREQ=DAILY;COUNT=2', 60);
    expect(kolkata.between(new Date('2026-01-01T00:00:00Z'), new Date('2026-01-03T00:00:00Z'))).toEqual([
      { start: '2026-01-01T18:00:00.000Z', end: '2026-01-01T19:00:00.000Z' },
      { start: '2026-01-02T18:00:00.000Z', end: '2026-01-02T19:00:00.000Z' },
    ]);
  });
});

describe('window state and boundaries', () => {
  const london = weekly('Europe/London', '2026-03-22T02:00');

  it('is active inside an occurrence, upcoming between, and ends at the local end', () => {
    const inside = windowStatus(london, new Date('2026-03-29T02:59:59Z'));
    expect(inside.state).toBe('active');
    expect(inside.current).toEqual({ start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T03:00:00.000Z' });
    expect(windowStatus(london, new Date('2026-03-29T03:00:00Z')).state).toBe('upcoming');
    expect(nextBoundary(london, new Date('2026-03-29T01:30:00Z'))).toMatchObject({ phase: 'end', at: new Date('2026-03-29T03:00:00Z') });
    expect(nextBoundary(london, new Date('2026-03-29T03:00:00Z'))).toMatchObject({ phase: 'start', at: new Date('2026-04-05T01:00:00Z') });
  });

  it('cuts the occurrence running when ended early (the next one still comes), and a one-off window is past after its end', () => {
    const ended = compileTiming({ recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-03-22T02:00', durationMinutes: 120 }, timeZone: 'Europe/London', endedAt: '2026-03-29T01:30:00Z' });
    if (!ended.ok) throw new Error('refused');
    expect(windowStatus(ended.timing, new Date('2026-03-29T01:00:00Z')).current).toEqual({ start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T01:30:00.000Z' });
    expect(windowStatus(ended.timing, new Date('2026-03-29T01:30:00Z'))).toMatchObject({ state: 'upcoming', next: { start: '2026-04-05T01:00:00.000Z' } });
    const once = compileTiming({ startsAt: '2026-05-01T10:00:00Z', endsAt: '2026-05-01T11:00:00Z', timeZone: 'UTC' });
    if (!once.ok) throw new Error('refused');
    expect(windowStatus(once.timing, new Date('2026-05-01T09:00:00Z'))).toMatchObject({ state: 'upcoming', current: null });
    expect(windowStatus(once.timing, new Date('2026-05-01T10:00:00Z')).state).toBe('active');
    expect(windowStatus(once.timing, new Date('2026-05-01T11:00:00Z'))).toEqual({ state: 'past', current: null, next: null });
    expect(nextBoundary(once.timing, new Date('2026-05-01T11:00:00Z'))).toBeUndefined();
  });
});

describe('recurrence validation', () => {
  const parse = (rrule: string) => parseRecurrence({ rrule, start: '2026-01-01T00:00', durationMinutes: 10 });

  it('refuses broken rules, DTSTART, and rules firing more often than hourly without COUNT or UNTIL', () => {
    expect(parse('FREQ=DAILY;FOO=1')).toMatchObject({ ok: false, issue: { field: 'recurrence.rrule' } });
    expect(parse('FREQ=DAILY;BYDAY=XX')).toMatchObject({ ok: false });
    expect(parse('FREQ=MINUTELY')).toMatchObject({ ok: false, issue: { message: expect.stringContaining('COUNT') } });
    expect(parse('FREQ=SECONDLY;INTERVAL=30')).toMatchObject({ ok: false });
    expect(parse('FREQ=DAILY;INTERVAL=0')).toMatchObject({ ok: false });
    expect(parse('FREQ=DAILY;UNTIL=20250101T000000Z')).toMatchObject({ ok: false, issue: { message: 'the rule has no occurrence' } });
    expect(parse('FREQ=MINUTELY;COUNT=5').ok).toBe(true);
    expect(parse('RRULE:FREQ=HOURLY').ok).toBe(true);
  });

  it('bounds expansion of a dense rule', () => {
    const timing = weekly('UTC', '2026-01-01T00:00', 'FREQ=MINUTELY;COUNT=100000', 1);
    expect(timing.between(new Date('2026-01-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'), 100_000).length).toBeLessThanOrEqual(2_000);
  });
});
