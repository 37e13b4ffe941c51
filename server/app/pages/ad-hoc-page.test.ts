import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createAuditTrail } from '../audit/audit-trail.js';
import { createIncidentFeed, type FeedChange } from '../feed/incident-feed.js';
import type { AuditEvent, AuditTrail } from '../ports/audit.js';
import type { Store } from '../ports/store.js';
import { createAdHocPages, type AdHocPages } from './ad-hoc-page.js';

const clock = createManualClock(new Date('2026-11-28T12:00:00Z'));
let store: Store;
let cleanup: () => Promise<void>;
let pages: AdHocPages;
let published: FeedChange[];
let audited: AuditEvent[];

beforeEach(async () => {
  ({ store, cleanup } = await openExampleStore(clock));
  const feed = createIncidentFeed();
  published = [];
  audited = [];
  feed.subscribe((change) => published.push(change));
  const trail = createAuditTrail({ store, clock });
  const audit: AuditTrail = { ...trail, record: (event, tx) => (audited.push(event), trail.record(event, tx)) };
  pages = createAdHocPages({ store, feed, clock, pokeJobs: () => {}, audit });
});
afterEach(async () => cleanup());

describe('ad-hoc pages', () => {
  it('opens an incident on the person\'s team service and queues a level-0 page for them, in one go', async () => {
    const result = await pages.page({ userId: 'ann', role: 'ir-manager', address: '10.0.0.1' }, { userId: 'bob', summary: 'Customer on the phone', priority: 'high' });
    if (!result.ok) throw new Error(result.error.message);
    const { incident } = result.value;
    expect(incident).toMatchObject({ serviceId: 'rmm', teamId: 'noc', status: 'triggered', priority: 'high', severity: 'critical', escalation: 'none', source: 'page from ann' });
    const timeline = await store.listTimeline(incident.id);
    expect(timeline.map((e) => [e.type, e.actor.id])).toEqual([
      ['incident.opened', 'ann'],
      ['page.queued', 'ann'],
    ]);
    const queued = await store.listPages(incident.id);
    expect(queued.length).toBeGreaterThan(0);
    expect(queued.every((p) => p.userId === 'bob' && p.level === 0 && p.pageKey === result.value.pageKey)).toBe(true);
    expect(published.some((c) => c.type === 'incident:created')).toBe(true);
    expect(audited).toEqual([
      { action: 'incident.paged', actorId: 'ann', address: '10.0.0.1', subject: { kind: 'incident', id: incident.id }, details: { userId: 'bob', serviceId: 'rmm', priority: 'high' } },
    ]);
  });

  it('refuses a role that may not page, an unknown person or service, and a service account, writing nothing', async () => {
    const before = (await store.listOpenIncidents()).length;
    const researcher = await pages.page({ userId: 'tia', role: 'threat-researcher' }, { userId: 'bob', summary: 'Look', priority: 'high' });
    expect(researcher).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await pages.page({ userId: 'ann', role: 'ir-manager' }, { userId: 'nobody', summary: 'Look', priority: 'high' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'userId' } });
    expect(await pages.page({ userId: 'ann', role: 'ir-manager' }, { userId: 'bob', summary: 'Look', serviceId: 'nope', priority: 'high' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'serviceId' } });
    expect(await pages.page({ userId: 'ann', role: 'ir-manager' }, { userId: 'service.tok-1', summary: 'Look', priority: 'high' })).toMatchObject({ ok: false, error: { field: 'userId' } });
    expect((await store.listOpenIncidents()).length).toBe(before);
    expect(audited).toEqual([]);
  });
});
