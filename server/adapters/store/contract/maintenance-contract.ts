import { expect, it } from 'vitest';
import type { MaintenanceWindow } from '../../../../shared/schemas/maintenance.js';
import type { MaintenanceWindowRecord } from '../../../app/ports/maintenance-store.js';
import type { ContractContext } from './context.js';
import { at, iso, makeIncident } from './fixtures.js';

/** A one-off maintenance window, for the store contract. */
function makeWindow(overrides: Partial<MaintenanceWindow> = {}): MaintenanceWindow {
  return {
    id: 'patch-night',
    name: 'Patch night',
    reason: 'OS updates',
    match: { services: ['core-network'], clients: [], labels: { env: '^prod$' } },
    timeZone: 'Europe/London',
    startsAt: iso(0),
    endsAt: iso(3600),
    onEnd: 'release',
    createdBy: 'alice',
    createdAt: iso(-60),
    updatedAt: iso(-60),
    endedAt: null,
    managedBy: 'console',
    ...overrides,
  };
}

const record = (window: MaintenanceWindow, overrides: Partial<MaintenanceWindowRecord> = {}): MaintenanceWindowRecord => ({
  window,
  configDigest: null,
  deletedAt: null,
  ...overrides,
});

/** Maintenance windows, and the incidents a window holds back. */
export function maintenanceContract(ctx: ContractContext): void {
  it('round-trips windows by id, replaces one on save, and hides deleted ones from the list', async () => {
    const weekly = makeWindow({ id: 'sundays', startsAt: undefined, endsAt: undefined, recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2030-01-06T02:00', durationMinutes: 120 } });
    await ctx.store.saveMaintenanceWindow(record(weekly, { configDigest: 'd1' }));
    await ctx.store.saveMaintenanceWindow(record(makeWindow()));
    expect((await ctx.store.listMaintenanceWindows()).map((r) => r.window.id)).toEqual(['patch-night', 'sundays']);
    expect(await ctx.store.getMaintenanceWindowRecord('sundays')).toEqual(record(weekly, { configDigest: 'd1' }));
    const changed = record(makeWindow({ name: 'Patch night (moved)', endedAt: iso(600), updatedAt: iso(600) }));
    await ctx.store.transaction((tx) => tx.saveMaintenanceWindow(changed));
    expect(await ctx.store.getMaintenanceWindowRecord('patch-night')).toEqual(changed);
    await ctx.store.saveMaintenanceWindow({ ...changed, deletedAt: at(900) });
    expect((await ctx.store.listMaintenanceWindows()).map((r) => r.window.id)).toEqual(['sundays']);
    expect((await ctx.store.getMaintenanceWindowRecord('patch-night'))?.deletedAt).toEqual(at(900));
    expect(await ctx.store.getMaintenanceWindowRecord('nope')).toBeUndefined();
  });

  it('keeps the window holding an incident, lists a window\'s open held incidents oldest first, and clears the mark', async () => {
    const first = await ctx.store.insertIncident(makeIncident({ suppressedBy: { id: 'patch-night', name: 'Patch night' }, escalation: 'deferred' }, 0));
    const second = await ctx.store.insertIncident(makeIncident({ suppressedBy: { id: 'patch-night', name: 'Patch night' }, escalation: 'deferred' }, 10));
    const resolved = await ctx.store.insertIncident(makeIncident({ suppressedBy: { id: 'patch-night', name: 'Patch night' }, status: 'resolved', resolvedAt: iso(20) }, 5));
    const plain = await ctx.store.insertIncident(makeIncident({}, 1));
    expect(first.suppressedBy).toEqual({ id: 'patch-night', name: 'Patch night' });
    expect(plain.suppressedBy).toBeUndefined();
    expect((await ctx.store.listSuppressedIncidents('patch-night')).map((i) => i.id)).toEqual([first.id, second.id]);
    expect(resolved.suppressedBy?.id).toBe('patch-night');
    const cleared = await ctx.store.updateIncident(first.id, { suppressedBy: null });
    expect(cleared?.suppressedBy).toBeUndefined();
    // A change of other fields leaves the mark alone.
    expect((await ctx.store.updateIncident(second.id, { escalation: 'none' }))?.suppressedBy).toEqual({ id: 'patch-night', name: 'Patch night' });
    expect((await ctx.store.listSuppressedIncidents('patch-night')).map((i) => i.id)).toEqual([second.id]);
    expect(await ctx.store.listSuppressedIncidents('other')).toEqual([]);
  });
}
