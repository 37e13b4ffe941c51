import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigSchema, type Config } from '../../../shared/config/config-schema.js';
import { MaintenanceWindowInputSchema } from '../../../shared/schemas/maintenance.js';
import { exampleConfig, openExampleStore } from '../../../tests/support/example-store.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { applyConfig } from '../config/apply-config.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { Store } from '../ports/store.js';
import { createMaintenanceDirectory } from './maintenance-directory.js';
import { boundaryJob } from './maintenance-jobs.js';
import { createMaintenanceService } from './maintenance-service.js';

const WEEKLY = {
  id: 'sunday-patching',
  name: 'Sunday patching',
  match: { services: ['rmm'] },
  recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-11-01T02:00', durationMinutes: 120 },
};

describe('maintenance windows from the config file and the console', () => {
  const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
  let store: Store;
  let cleanup: () => Promise<void>;
  const withWindow = (window: Record<string, unknown>): Config => ConfigSchema.parse({ ...exampleConfig(), maintenance: [window] });

  beforeEach(async () => {
    ({ store, cleanup } = await openExampleStore(clock, withWindow(WEEKLY)));
  });
  afterEach(() => cleanup());

  const service = () =>
    createMaintenanceService({ store, feed: createIncidentFeed(), pokeJobs: () => undefined, clock, directory: createMaintenanceDirectory({ clock }), lifecycle: {} as IncidentLifecycle });

  it('applies a file window with the team\'s zone and its next boundary row', async () => {
    expect(await service().get('sunday-patching')).toMatchObject({ managedBy: 'file', createdBy: 'config', timeZone: 'America/New_York', state: 'upcoming', next: { start: '2026-11-08T07:00:00.000Z' } });
    const rows = await store.claimDueJobs(new Date('2030-01-01T00:00:00Z'), 50, 'test', 1000);
    expect(rows.filter((r) => r.kind === boundaryJob.kind).map((r) => [r.id, r.dueAt.toISOString()])).toEqual([['maintenance:sunday-patching', '2026-11-08T07:00:00.000Z']]);
  });

  it('keeps a console edit while the file is unchanged, and lets a changed file entry win', async () => {
    const edited = MaintenanceWindowInputSchema.parse({ ...WEEKLY, name: 'Sunday patching (longer)', recurrence: { ...WEEKLY.recurrence, durationMinutes: 180 } });
    expect(await service().update({ userId: 'ann', role: 'ir-manager' }, 'sunday-patching', edited)).toMatchObject({ ok: true });
    await applyConfig(store, withWindow(WEEKLY), clock);
    expect(await service().get('sunday-patching')).toMatchObject({ name: 'Sunday patching (longer)', managedBy: 'console' });
    await applyConfig(store, withWindow({ ...WEEKLY, reason: 'now with a reason' }), clock);
    expect(await service().get('sunday-patching')).toMatchObject({ name: 'Sunday patching', reason: 'now with a reason', managedBy: 'file' });
  });

  it('keeps a window deleted in the console deleted while the file is unchanged', async () => {
    expect(await service().remove({ userId: 'ann', role: 'admin' }, 'sunday-patching')).toMatchObject({ ok: true });
    await applyConfig(store, withWindow(WEEKLY), clock);
    expect(await service().get('sunday-patching')).toBeUndefined();
  });

  it('refuses a config whose window names an unknown service, and one whose rule the relay refuses', async () => {
    expect(ConfigSchema.safeParse({ ...exampleConfig(), maintenance: [{ ...WEEKLY, match: { services: ['nope'] } }] }).error?.issues[0]?.path).toEqual(['maintenance', 0, 'match', 'services', 0]);
    await expect(applyConfig(store, withWindow({ ...WEEKLY, recurrence: { ...WEEKLY.recurrence, rrule: 'FREQ=MINUTELY' } }), clock)).rejects.toThrow(/maintenance\.0\.recurrence\.rrule/);
  });
});
