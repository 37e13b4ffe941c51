import { describe, expect, it } from 'vitest';
import type { MaintenanceWindowView } from '../../shared/schemas/maintenance.js';
import { bodyOf, draftOf, emptyDraft, parseLabels, rruleOf } from './maintenance-draft.js';

const NOW = new Date(2026, 2, 27, 10, 20);

describe('the maintenance form draft', () => {
  it('starts as a two-hour one-off window from the next full hour', () => {
    const draft = emptyDraft(NOW);
    expect(draft.startsAt).toBe('2026-03-27T11:00');
    expect(draft.endsAt).toBe('2026-03-27T13:00');
  });

  it('builds RRULEs from the simple builder and keeps typed ones', () => {
    const draft = { ...emptyDraft(NOW), start: '2026-03-29T02:00' };
    expect(rruleOf({ ...draft, mode: 'once' })).toBeUndefined();
    expect(rruleOf({ ...draft, mode: 'daily' })).toBe('FREQ=DAILY');
    expect(rruleOf({ ...draft, mode: 'weekly', weekdays: ['SA', 'SU'] })).toBe('FREQ=WEEKLY;BYDAY=SA,SU');
    expect(rruleOf({ ...draft, mode: 'monthly' })).toBe('FREQ=MONTHLY;BYMONTHDAY=29');
    expect(rruleOf({ ...draft, mode: 'rrule', rrule: ' FREQ=HOURLY;INTERVAL=6 ' })).toBe('FREQ=HOURLY;INTERVAL=6');
  });

  it('reads label lines and refuses one without "="', () => {
    expect(parseLabels('env=^prod$\n\n host = db-.* ')).toEqual({ labels: { env: '^prod$', host: 'db-.*' } });
    expect(parseLabels('env')).toEqual({ error: 'Label line 1: write name=pattern, e.g. env=^prod$' });
  });

  it('turns a recurring draft into the API body and a stored window back into the same draft', () => {
    const draft = { ...emptyDraft(NOW), name: 'Sunday patching', services: ['rmm'], mode: 'weekly' as const, weekdays: ['SU'], start: '2026-03-22T02:00', timeZone: 'Europe/London', onEnd: 'drop' as const };
    const made = bodyOf(draft);
    expect(made).toEqual({
      body: {
        name: 'Sunday patching',
        reason: '',
        match: { services: ['rmm'], clients: [], labels: {} },
        timeZone: 'Europe/London',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-03-22T02:00', durationMinutes: 120 },
        onEnd: 'drop',
      },
    });
    const stored = { ...(made as { body: Record<string, unknown> }).body, id: 'mw-1', createdBy: 'ann', createdAt: '', updatedAt: '', endedAt: null, managedBy: 'console', state: 'upcoming', current: null, next: null } as unknown as MaintenanceWindowView;
    expect(draftOf(stored, NOW)).toMatchObject({ id: 'mw-1', mode: 'weekly', weekdays: ['SU'], start: '2026-03-22T02:00', timeZone: 'Europe/London', onEnd: 'drop' });
  });
});
