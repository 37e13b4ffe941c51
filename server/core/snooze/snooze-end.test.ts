import { describe, expect, it } from 'vitest';
import { SnoozeCommandSchema, SnoozeRequestSchema } from '../../../shared/schemas/snooze.js';
import { isSnoozed, snoozeEndOf } from './snooze-end.js';

const now = new Date('2026-11-02T14:00:00Z');

describe('snooze requests', () => {
  it('reads a duration as text or seconds, within 1 minute to 7 days, naming the field otherwise', () => {
    expect(SnoozeRequestSchema.parse({ duration: '15m' })).toEqual({ duration: 900 });
    expect(SnoozeRequestSchema.parse({ duration: 3600 })).toEqual({ duration: 3600 });
    for (const duration of ['soon', '30s', '8d', -5, 'x'.repeat(30)]) {
      const result = SnoozeRequestSchema.safeParse({ duration });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.path).toEqual(['duration']);
    }
  });

  it('takes exactly one of duration and until', () => {
    expect(SnoozeRequestSchema.safeParse({}).error?.issues[0]?.path).toEqual(['duration']);
    expect(SnoozeRequestSchema.safeParse({ duration: '1h', until: '2026-11-02T16:00:00Z' }).success).toBe(false);
    expect(SnoozeRequestSchema.safeParse({ until: 'tomorrow' }).error?.issues[0]?.path).toEqual(['until']);
    expect(SnoozeCommandSchema.safeParse({ incidentIds: [], duration: '1h' }).error?.issues[0]?.path).toEqual(['incidentIds']);
  });

  it('ends a duration after it, and an instant at it when it lies a minute to 7 days ahead', () => {
    expect(snoozeEndOf({ duration: 900 }, now)).toEqual({ ok: true, at: new Date('2026-11-02T14:15:00Z') });
    expect(snoozeEndOf({ until: '2026-11-03T08:00:00+01:00' }, now)).toEqual({ ok: true, at: new Date('2026-11-03T07:00:00Z') });
    expect(snoozeEndOf({ until: '2026-11-09T14:00:00Z' }, now)).toMatchObject({ ok: true });
    expect(snoozeEndOf({ until: '2026-11-09T14:00:01Z' }, now)).toMatchObject({ ok: false, field: 'until' });
    expect(snoozeEndOf({ until: '2026-11-02T14:00:30Z' }, now)).toMatchObject({ ok: false, field: 'until' });
    expect(snoozeEndOf({ until: '2026-11-02T13:00:00Z' }, now)).toMatchObject({ ok: false, field: 'until' });
  });

  it('tells a snoozed incident: acknowledged with its end ahead', () => {
    expect(isSnoozed({ status: 'acknowledged', snoozedUntil: '2026-11-02T15:00:00Z' }, now)).toBe(true);
    expect(isSnoozed({ status: 'acknowledged', snoozedUntil: '2026-11-02T13:00:00Z' }, now)).toBe(false);
    expect(isSnoozed({ status: 'triggered', snoozedUntil: '2026-11-02T15:00:00Z' }, now)).toBe(false);
    expect(isSnoozed({ status: 'acknowledged', snoozedUntil: null }, now)).toBe(false);
  });
});
