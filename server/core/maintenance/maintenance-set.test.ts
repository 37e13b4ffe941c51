import { describe, expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../../shared/schemas/maintenance.js';
import { createMaintenanceSet } from './maintenance-set.js';

const window = (over: Partial<MaintenanceWindow>): MaintenanceWindow => ({
  id: 'w',
  name: 'Patch night',
  reason: '',
  match: { services: ['web'], clients: [], labels: {} },
  timeZone: 'Europe/London',
  startsAt: '2026-03-29T00:00:00.000Z',
  endsAt: '2026-03-29T04:00:00.000Z',
  onEnd: 'release',
  createdBy: 'u',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  endedAt: null,
  managedBy: 'console',
  ...over,
});

describe('the maintenance set ingest reads', () => {
  it('finds the running window that covers an alert, by id order, and lists active windows soonest end first', () => {
    const set = createMaintenanceSet([
      window({ id: 'b', name: 'Later', endsAt: '2026-03-29T06:00:00.000Z' }),
      window({ id: 'a' }),
      window({ id: 'weekly', name: 'Sundays', startsAt: undefined, endsAt: undefined, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-03-22T02:00', durationMinutes: 60 }, match: { services: [], clients: ['acme'], labels: {} } }),
    ]);
    const subject = { serviceId: 'web', clientId: null, labels: {} };
    expect(set.windowFor(subject, new Date('2026-03-29T01:00:00Z'))).toEqual({ id: 'a', name: 'Patch night' });
    expect(set.windowFor(subject, new Date('2026-03-29T05:00:00Z'))).toEqual({ id: 'b', name: 'Later' });
    expect(set.windowFor(subject, new Date('2026-03-29T06:00:00Z'))).toBeUndefined();
    expect(set.windowFor({ serviceId: 'db', clientId: 'acme', labels: {} }, new Date('2026-03-29T01:30:00Z'))).toEqual({ id: 'weekly', name: 'Sundays' });
    expect(set.windowFor({ serviceId: 'db', clientId: 'acme', labels: {} }, new Date('2026-03-29T02:00:00Z'))).toBeUndefined();
    expect(set.active(new Date('2026-03-29T01:30:00Z')).map((w) => w.id)).toEqual(['weekly', 'a', 'b']);
  });
});
