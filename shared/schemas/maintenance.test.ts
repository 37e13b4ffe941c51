import { describe, expect, it } from 'vitest';
import { MaintenanceWindowInputSchema, mutedBy } from './maintenance.js';

const base = { name: 'Patch night', match: { services: ['rmm'] } };
const pathOf = (input: unknown) => MaintenanceWindowInputSchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));

describe('the maintenance window contract', () => {
  it('takes a one-off or a recurring window, with defaults filled in', () => {
    expect(MaintenanceWindowInputSchema.parse({ ...base, startsAt: '2026-03-29T01:00:00Z', endsAt: '2026-03-29T03:00:00Z' })).toMatchObject({
      reason: '',
      onEnd: 'release',
      match: { services: ['rmm'], clients: [], labels: {} },
    });
    expect(MaintenanceWindowInputSchema.safeParse({ ...base, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-03-22T02:00', durationMinutes: 120 } }).success).toBe(true);
  });

  it('names the field at fault', () => {
    expect(pathOf({ ...base })).toEqual(['startsAt', 'endsAt']);
    expect(pathOf({ ...base, startsAt: '2026-03-29T03:00:00Z', endsAt: '2026-03-29T01:00:00Z' })).toEqual(['endsAt']);
    expect(pathOf({ ...base, startsAt: '2026-03-01T00:00:00Z', endsAt: '2026-04-15T00:00:00Z' })).toEqual(['endsAt']);
    expect(pathOf({ ...base, startsAt: '2026-03-29T01:00:00Z', endsAt: '2026-03-29T03:00:00Z', recurrence: { rrule: 'FREQ=DAILY', start: '2026-03-22T02:00', durationMinutes: 5 } })).toEqual(['startsAt']);
    expect(pathOf({ ...base, match: {}, startsAt: '2026-03-29T01:00:00Z', endsAt: '2026-03-29T03:00:00Z' })).toEqual(['match']);
    expect(pathOf({ ...base, recurrence: { rrule: 'every sunday', start: '2026-03-22T02:00', durationMinutes: 5 } })).toEqual(['recurrence.rrule']);
    expect(pathOf({ ...base, recurrence: { rrule: 'FREQ=DAILY', start: '2026-03-22T02:00', durationMinutes: 0 } })).toEqual(['recurrence.durationMinutes']);
    expect(pathOf({ ...base, startsAt: '2026-03-29T01:00:00Z', endsAt: '2026-03-29T03:00:00Z', extra: 1 })).toEqual(['']);
  });

  it('mutes an open incident a window holds or dropped, not one escalating or closed', () => {
    const by = { id: 'w', name: 'Patch night' };
    expect(mutedBy({ suppressedBy: by, status: 'triggered', escalation: 'deferred' })).toEqual(by);
    expect(mutedBy({ suppressedBy: by, status: 'triggered', escalation: 'none' })).toEqual(by);
    expect(mutedBy({ suppressedBy: by, status: 'triggered', escalation: 'running' })).toBeUndefined();
    expect(mutedBy({ suppressedBy: by, status: 'resolved', escalation: 'none' })).toBeUndefined();
    expect(mutedBy({ suppressedBy: null, status: 'triggered', escalation: 'deferred' })).toBeUndefined();
  });
});
