import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { createSilentLogger } from '../../adapters/log/create-logger.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createEscalator } from '../escalation/escalator.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { AuditEvent } from '../ports/audit.js';
import type { Store } from '../ports/store.js';
import { createIncidentActions, type IncidentActions } from './incident-actions.js';
import { createIncidentRecords, type IncidentRecords } from './incident-records.js';
import { createNeedToKnowList, type NeedToKnowList } from './need-to-know-list.js';

const clock = createManualClock(new Date('2026-11-28T12:00:00Z'));
const ann = { userId: 'ann', role: 'ir-manager' as const, address: '10.0.0.5' };
const bob = { userId: 'bob', role: 'triage-analyst' as const };
const dan = { userId: 'dan', role: 'responder' as const };
let store: Store;
let cleanup: () => Promise<void>;
let list: NeedToKnowList;
let actions: IncidentActions;
let records: IncidentRecords;
let audited: AuditEvent[];
let published: Incident[];

async function open(overrides: Partial<Incident> = {}): Promise<Incident> {
  return store.insertIncident({
    id: `i-${Math.random().toString(36).slice(2)}`, serviceId: 'rmm', teamId: 'noc', dedupKey: `host-${Math.random().toString(36).slice(2)}`, status: 'triggered',
    priority: 'high', severity: 'critical', summary: 'Ransomware on host-7', source: 'edr', alertCount: 1,
    firstSeenAt: clock.now().toISOString(), lastSeenAt: clock.now().toISOString(), acknowledgedAt: null, resolvedAt: null,
    deferredUntil: null, escalation: 'none', triageVerdict: null, triageAssignee: null, forensicAssignee: null, confidential: true,
    links: [], externalRef: null, ...overrides,
  });
}

beforeEach(async () => {
  ({ store, cleanup } = await openExampleStore(clock));
  const feed = createIncidentFeed();
  published = [];
  feed.subscribe((change) => {
    if (change.type === 'incident:updated' || change.type === 'incident:created') published.push(change.incident);
  });
  const commit = { store, feed, pokeJobs: () => {} };
  audited = [];
  const audit = { record: async (event: AuditEvent) => void audited.push(event) };
  const escalator = createEscalator({ ...commit, clock, log: createSilentLogger(), metrics: { escalations: { inc() {} }, failovers: { inc() {} }, pagesRead: { inc() {} } } as never });
  actions = createIncidentActions({ ...commit, clock, lifecycle: escalator.lifecycle, onFalsePositive: () => {}, audit });
  records = createIncidentRecords({ ...commit, clock });
  list = createNeedToKnowList({ ...commit, clock, audit });
});
afterEach(async () => cleanup());

describe('the need-to-know list', () => {
  it('lets managers add and remove people, on the timeline and the audit trail', async () => {
    const incident = await open();
    const added = await list.add(ann, incident.id, 'bob');
    expect(added).toMatchObject({ ok: true, value: { incidentId: incident.id, confidential: true, people: [{ userId: 'bob', addedBy: 'ann', role: 'triage-analyst' }] } });
    expect(await list.replace(ann, incident.id, ['cara', 'dan'])).toMatchObject({ ok: true, value: { people: [{ userId: 'cara' }, { userId: 'dan' }] } });
    expect(await list.remove(ann, incident.id, 'dan')).toMatchObject({ ok: true, value: { people: [{ userId: 'cara' }] } });

    const changes = (await store.listTimeline(incident.id)).filter((e) => e.type === 'need-to-know.changed').map((e) => e.data);
    expect(changes).toEqual([{ added: ['bob'], removed: [] }, { added: ['cara', 'dan'], removed: ['bob'] }, { added: [], removed: ['dan'] }]);
    expect(audited.map((e) => [e.action, e.actorId, e.address, e.subject?.id, e.details])).toEqual([
      ['incident.need-to-know-changed', 'ann', '10.0.0.5', incident.id, { added: ['bob'], removed: [] }],
      ['incident.need-to-know-changed', 'ann', '10.0.0.5', incident.id, { added: ['cara', 'dan'], removed: ['bob'] }],
      ['incident.need-to-know-changed', 'ann', '10.0.0.5', incident.id, { added: [], removed: ['dan'] }],
    ]);
    // Nothing changed: no event.
    await list.add(ann, incident.id, 'cara');
    expect(audited).toHaveLength(3);
  });

  it('refuses other roles, unknown people, and taking an assignee off the list', async () => {
    const incident = await open();
    expect(await list.add(bob, incident.id, 'bob')).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await list.add(ann, incident.id, 'nobody')).toMatchObject({ ok: false, error: { code: 'invalid', field: 'userId' } });
    expect(await list.add(ann, 'nope', 'bob')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await list.add(ann, incident.id, 'bob');
    await actions.assign(ann, [incident.id], 'triage', 'bob');
    expect(await list.remove(ann, incident.id, 'bob')).toMatchObject({ ok: false, error: { code: 'conflict', field: 'userId' } });
    expect(await list.list(dan, incident.id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await list.list(bob, incident.id)).toMatchObject({ ok: true, value: { people: [{ userId: 'bob' }] } });
  });
});

describe('incident actions under need-to-know', () => {
  it('refuses with 409 and a reason to assign anyone (oneself included) who may not know a confidential incident', async () => {
    const incident = await open();
    expect(await actions.assign(bob, [incident.id], 'triage', 'bob')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await actions.assign(ann, [incident.id], 'triage', 'bob')).toMatchObject({
      ok: false,
      error: { code: 'conflict', field: 'userId', message: expect.stringContaining('need-to-know list') },
    });
    expect((await store.getIncident(incident.id))?.triageAssignee).toBeNull();
    await list.add(ann, incident.id, 'bob');
    expect(await actions.assign(ann, [incident.id], 'triage', 'bob')).toMatchObject({ ok: true, value: { changed: 1 } });
  });

  it('rolls a multi-incident assignment back whole when one incident refuses', async () => {
    const open1 = await open({ confidential: false });
    const secret = await open();
    expect(await actions.assign(ann, [open1.id, secret.id], 'forensic', 'cara')).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect((await store.getIncident(open1.id))?.forensicAssignee).toBeNull();
  });

  it('keeps people who may not know from acting on a confidential incident', async () => {
    const incident = await open();
    for (const run of [
      () => actions.acknowledge(dan, [incident.id]),
      () => actions.resolve(dan, [incident.id]),
      () => actions.dismiss(bob, [incident.id], 'noise'),
      () => actions.verdict(bob, [incident.id], 'confirmed'),
    ]) {
      expect(await run()).toMatchObject({ ok: false, error: { code: 'not_found' } });
    }
    expect((await store.getIncident(incident.id))?.status).toBe('triggered');
  });

  it('lets a person paged about a confidential incident acknowledge it, but not resolve it or read it', async () => {
    const incident = await open();
    expect((await records.pagePerson(ann, incident.id, 'dan')).ok).toBe(true);
    expect(await actions.resolve(dan, [incident.id])).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await records.addNote(dan, incident.id, 'what is it?')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await actions.acknowledge(dan, [incident.id])).toMatchObject({ ok: true, value: { changed: 1 } });
  });

  it('audits marking an incident confidential and puts its assignees on the list', async () => {
    const incident = await open({ confidential: false, triageAssignee: 'bob', forensicAssignee: 'cara' });
    expect((await actions.setConfidential(ann, [incident.id], true)).ok).toBe(true);
    expect(audited.map((e) => [e.action, e.actorId, e.details])).toEqual([
      ['incident.confidential-changed', 'ann', { confidential: true }],
      ['incident.need-to-know-changed', 'ann', { added: ['bob', 'cara'], removed: [] }],
    ]);
    expect((await store.listNeedToKnow(incident.id)).map((e) => e.userId).sort()).toEqual(['bob', 'cara']);
    // Consoles drop an update older than what they hold: the one published must be the one stored.
    const stored = await store.getIncident(incident.id);
    expect(published.filter((i) => i.id === incident.id).at(-1)).toEqual(stored);
    expect((await actions.setConfidential(ann, [incident.id], false)).ok).toBe(true);
    expect(audited.at(-1)).toMatchObject({ action: 'incident.confidential-changed', details: { confidential: false } });
  });
});
