import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../shared/schemas/alert.js';
import type { MaintenanceWindowInput } from '../../shared/schemas/maintenance.js';
import { MaintenanceWindowInputSchema } from '../../shared/schemas/maintenance.js';
import { createStore } from '../../server/adapters/store/create-store.js';
import { applyConfig } from '../../server/app/config/apply-config.js';
import { hashIntegrationKey } from '../../server/app/config/integration-key.js';
import { createIncidentFeed } from '../../server/app/feed/incident-feed.js';
import { ingestAlerts } from '../../server/app/intake/ingest-alerts.js';
import { createJobRunner, type JobHandler } from '../../server/app/jobs/job-runner.js';
import { createBoundaryHandler } from '../../server/app/maintenance/boundary-handler.js';
import { createMaintenanceDirectory } from '../../server/app/maintenance/maintenance-directory.js';
import { createMaintenanceGate } from '../../server/app/maintenance/maintenance-gate.js';
import { boundaryJob } from '../../server/app/maintenance/maintenance-jobs.js';
import { createMaintenanceService, type MaintenanceService } from '../../server/app/maintenance/maintenance-service.js';
import type { AuditEvent } from '../../server/app/ports/audit.js';
import type { Store } from '../../server/app/ports/store.js';
import { exampleConfig } from '../support/example-store.js';
import { createManualClock, type ManualClock } from '../support/manual-clock.js';
import { createPagingHarness, type PagingHarness } from '../support/paging-harness.js';

const ADMIN = { userId: 'ann', role: 'admin' as const };

interface World {
  clock: ManualClock;
  store: Store;
  h: PagingHarness;
  maintenance: MaintenanceService;
  audits: AuditEvent[];
  trigger(dedupKey: string, over?: Partial<AlertInput>): Promise<string>;
  timeline(incidentId: string): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * The example config on a real SQLite file with a manual clock; the paging harness's runner also
 * runs the maintenance boundary rows, and ingest goes through the maintenance gate as on a relay.
 */
async function openWorld(start: Date): Promise<World> {
  const clock = createManualClock(start);
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-maint-'));
  const store = await createStore(path.join(dir, 'klaxon.db'));
  await applyConfig(store, exampleConfig(), clock);
  let boundary: JobHandler = async () => undefined;
  const h = createPagingHarness({
    store,
    clock,
    createRunner: (deps) => createJobRunner({ ...deps, handlers: { ...deps.handlers, [boundaryJob.kind]: (job, now) => boundary(job, now) } }),
  });
  const audits: AuditEvent[] = [];
  const audit = { record: async (event: AuditEvent) => void audits.push(event) };
  const commit = { store, feed: createIncidentFeed(), pokeJobs: () => undefined };
  const lifecycle = h.escalator.lifecycle;
  const directory = createMaintenanceDirectory({ clock });
  boundary = createBoundaryHandler({ ...commit, clock, lifecycle, audit, onChanged: () => directory.invalidate() });
  const maintenance = createMaintenanceService({ ...commit, clock, directory, lifecycle, audit });
  const gate = createMaintenanceGate({ directory, lifecycle, audit });
  const integration = (await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef')))!;
  return {
    clock,
    store,
    h,
    maintenance,
    audits,
    async trigger(dedupKey, over = {}) {
      const alert: AlertInput = { action: 'trigger', dedupKey, summary: `Alert ${dedupKey}`, severity: 'critical', source: 'srv1', labels: {}, links: [], payload: null, ...over };
      const [result] = await ingestAlerts({ ...h.ingestDeps, maintenance: gate }, integration, [alert]);
      return result!.incidentId!;
    },
    async timeline(incidentId) {
      return (await store.listTimeline(incidentId)).map((e) => e.type);
    },
    async close() {
      await h.runner.stop();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const draft = (input: MaintenanceWindowInput) => MaintenanceWindowInputSchema.parse(input);

let world: World | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('maintenance windows on a manual clock', () => {
  it('holds an alert inside "every Sunday 02:00–04:00 Europe/London" on the spring-forward night and releases it at 04:00 BST', async () => {
    const w = (world = await openWorld(new Date('2026-03-29T00:30:00Z')));
    const created = await w.maintenance.create(ADMIN, draft({
      name: 'Sunday patching',
      reason: 'OS updates',
      match: { services: ['rmm'] },
      timeZone: 'Europe/London',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-03-22T02:00', durationMinutes: 120 },
      onEnd: 'release',
    }));
    expect(created).toMatchObject({ ok: true, value: { state: 'upcoming', next: { start: '2026-03-29T01:00:00.000Z', end: '2026-03-29T03:00:00.000Z' } } });

    // 00:59 GMT is before 02:00 local (the clocks jump at 01:00 GMT): this alert pages.
    w.clock.set(new Date('2026-03-29T00:59:00Z'));
    const before = await w.trigger('before');
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === before).length).toBeGreaterThan(0);

    // 01:00 GMT = 02:00 BST: the window starts (its boundary row runs) and holds the next alert.
    w.clock.set(new Date('2026-03-29T01:30:00Z'));
    await w.h.drain();
    expect(w.audits.map((a) => a.action)).toContain('maintenance.started');
    const held = await w.trigger('held');
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held)).toEqual([]);
    expect(await w.store.getIncident(held)).toMatchObject({ escalation: 'deferred', suppressedBy: { name: 'Sunday patching' } });
    expect(await w.timeline(held)).toEqual(['incident.opened', 'maintenance.suppressed']);
    expect(w.audits.filter((a) => a.action === 'maintenance.suppressed')).toHaveLength(1);

    // 02:59 UTC is 03:59 BST: still held.
    w.clock.set(new Date('2026-03-29T02:59:00Z'));
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held)).toEqual([]);

    // 03:00 UTC = 04:00 BST: the window ends and hands the incident to escalation.
    w.clock.set(new Date('2026-03-29T03:00:00Z'));
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held).length).toBeGreaterThan(0);
    const released = await w.store.getIncident(held);
    expect(released?.suppressedBy).toBeUndefined();
    expect(released?.escalation).toBe('running');
    expect(await w.timeline(held)).toEqual(expect.arrayContaining(['maintenance.released', 'incident.released', 'escalation.started']));
    expect(w.audits.filter((a) => a.action === 'maintenance.ended')).toMatchObject([{ details: { released: 1, dropped: 0, end: '2026-03-29T03:00:00.000Z' } }]);
    // The next Sunday's occurrence is the next boundary, still at 02:00 local.
    expect((await w.maintenance.get(created.ok ? created.value.id : ''))?.next).toEqual({ start: '2026-04-05T01:00:00.000Z', end: '2026-04-05T03:00:00.000Z' });
  });

  it('drops what a daily 01:00–05:00 America/New_York window held on the fall-back night: five hours, nothing paged', async () => {
    const w = (world = await openWorld(new Date('2026-11-01T04:00:00Z')));
    const created = await w.maintenance.create(ADMIN, draft({
      name: 'Nightly backup',
      match: { services: ['rmm'], labels: { job: '^backup' } },
      recurrence: { rrule: 'FREQ=DAILY', start: '2026-10-01T01:00', durationMinutes: 240 },
      onEnd: 'drop',
    }));
    // No zone given: the service's team (America/New_York) decides.
    expect(created).toMatchObject({ ok: true, value: { timeZone: 'America/New_York', next: { start: '2026-11-01T05:00:00.000Z', end: '2026-11-01T10:00:00.000Z' } } });

    w.clock.set(new Date('2026-11-01T09:30:00Z')); // 04:30 EST
    await w.h.drain();
    const other = await w.trigger('other-job', { labels: { job: 'etl' } });
    const held = await w.trigger('backup-late', { labels: { job: 'backup-nightly' } });
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === other).length).toBeGreaterThan(0);
    expect(w.h.pushes.filter((p) => p.incidentId === held)).toEqual([]);
    // Another alert of it inside the window folds in and still pages nobody.
    w.clock.set(new Date('2026-11-01T09:45:00Z'));
    expect(await w.trigger('backup-late', { labels: { job: 'backup-nightly' } })).toBe(held);
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held)).toEqual([]);

    w.clock.set(new Date('2026-11-01T10:00:00Z')); // 05:00 EST: the end
    await w.h.drain();
    w.clock.set(new Date('2026-11-01T11:00:00Z'));
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held)).toEqual([]);
    expect(await w.store.getIncident(held)).toMatchObject({ status: 'triggered', escalation: 'none', suppressedBy: { name: 'Nightly backup' } });
    expect(await w.timeline(held)).toEqual(['incident.opened', 'maintenance.suppressed', 'alert.folded', 'maintenance.ended']);
    expect(w.audits.filter((a) => a.action === 'maintenance.ended')).toMatchObject([{ details: { dropped: 1, released: 0 } }]);

    // The problem outlives the window: its next alert pages.
    expect(await w.trigger('backup-late', { labels: { job: 'backup-nightly' } })).toBe(held);
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held).length).toBeGreaterThan(0);
    const after = (await w.store.listTimeline(held)).find((e) => e.type === 'maintenance.released');
    expect(after?.data).toMatchObject({ windowName: 'Nightly backup', why: 'alert-after-window' });
    expect((await w.store.getIncident(held))?.suppressedBy).toBeUndefined();
  });

  it('ends a running occurrence early on request, releasing what it held, and refuses a responder', async () => {
    const w = (world = await openWorld(new Date('2026-11-02T14:00:00Z')));
    const created = await w.maintenance.create(ADMIN, draft({ name: 'Upgrade', match: { services: ['rmm'] }, startsAt: '2026-11-02T13:00:00Z', endsAt: '2026-11-02T18:00:00Z' }));
    if (!created.ok) throw new Error(created.error.message);
    expect(created.value.state).toBe('active');
    const held = await w.trigger('upgrade');
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held)).toEqual([]);
    expect(await w.maintenance.endNow({ userId: 'bob', role: 'responder' }, created.value.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    w.clock.advance(60_000);
    expect(await w.maintenance.endNow(ADMIN, created.value.id)).toMatchObject({ ok: true, value: { state: 'past', endedAt: '2026-11-02T14:01:00.000Z' } });
    await w.h.drain();
    expect(w.h.pushes.filter((p) => p.incidentId === held).length).toBeGreaterThan(0);
    expect(await w.maintenance.endNow(ADMIN, created.value.id)).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});
