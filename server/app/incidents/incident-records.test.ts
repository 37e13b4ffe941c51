import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createIncidentFeed, type FeedChange } from '../feed/incident-feed.js';
import type { Store } from '../ports/store.js';
import { createIncidentRecords, type IncidentRecords } from './incident-records.js';

const clock = createManualClock(new Date('2026-11-28T12:00:00Z'));
let store: Store;
let cleanup: () => Promise<void>;
let records: IncidentRecords;
let published: FeedChange[];

async function open(overrides: Partial<Incident> = {}): Promise<Incident> {
  return store.insertIncident({
    id: `i-${Math.random().toString(36).slice(2)}`,
    serviceId: 'rmm',
    teamId: 'noc',
    dedupKey: 'host-7',
    status: 'triggered',
    priority: 'high',
    severity: 'critical',
    summary: 'Ransomware on host-7',
    source: 'edr',
    alertCount: 1,
    firstSeenAt: clock.now().toISOString(),
    lastSeenAt: clock.now().toISOString(),
    acknowledgedAt: null,
    resolvedAt: null,
    deferredUntil: null,
    escalation: 'none',
    triageVerdict: null,
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: [],
    externalRef: null,
    ...overrides,
  });
}

beforeEach(async () => {
  ({ store, cleanup } = await openExampleStore(clock));
  const feed = createIncidentFeed();
  published = [];
  feed.subscribe((change) => published.push(change));
  records = createIncidentRecords({ store, feed, clock, pokeJobs: () => {} });
});
afterEach(async () => cleanup());

describe('incident records', () => {
  it('puts a note on the timeline with its author and publishes it', async () => {
    const incident = await open();
    const result = await records.addNote({ userId: 'dan', role: 'responder' }, incident.id, 'Host isolated');
    expect(result.ok).toBe(true);
    const [note] = (await store.listTimeline(incident.id)).filter((e) => e.type === 'note.added');
    expect(note).toMatchObject({ actor: { type: 'user', id: 'dan' }, data: { text: 'Host isolated' }, at: '2026-11-28T12:00:00.000Z' });
    expect(published).toEqual([{ type: 'timeline:appended', event: note }]);
  });

  it('hashes evidence itself and names the handler, for forensic analysts, managers and admins only', async () => {
    const incident = await open();
    const bytes = new TextEncoder().encode('disk image');
    const refused = await records.addEvidence({ userId: 'bob', role: 'triage-analyst' }, incident.id, {
      description: 'Image',
      origin: 'host-7',
      fileName: 'h7.e01',
      bytes,
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const stored = await records.addEvidence({ userId: 'cara', role: 'forensic-analyst' }, incident.id, {
      description: 'Image',
      origin: 'host-7',
      fileName: 'h7.e01',
      bytes,
    });
    expect(stored.ok && stored.value.data).toEqual({
      description: 'Image',
      origin: 'host-7',
      fileName: 'h7.e01',
      size: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(stored.ok && stored.value.actor).toEqual({ type: 'user', id: 'cara' });
  });

  it('keeps confidential incidents to the people on their need-to-know list, not to whoever is assigned', async () => {
    const incident = await open({ confidential: true, triageAssignee: 'bob' });
    expect(await records.addNote({ userId: 'dan', role: 'responder' }, incident.id, 'hi')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(
      await records.addEvidence({ userId: 'cara', role: 'forensic-analyst' }, incident.id, { description: 'x', origin: 'y', fileName: 'z', bytes: new Uint8Array([1]) }),
    ).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Being assigned grants nothing by itself; the list does.
    expect(await records.addNote({ userId: 'bob', role: 'triage-analyst' }, incident.id, 'on it')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await records.pagePerson({ userId: 'bob', role: 'triage-analyst' }, incident.id, 'dan')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await store.addNeedToKnow({ incidentId: incident.id, userId: 'bob', addedBy: 'ann', addedAt: clock.now() });
    expect((await records.addNote({ userId: 'bob', role: 'triage-analyst' }, incident.id, 'on it')).ok).toBe(true);
    expect((await records.addNote({ userId: 'ann', role: 'ir-manager' }, incident.id, 'thanks')).ok).toBe(true);
  });

  it('pages a person through their notify rules (the phone in a level job, e-mail with its own), and not on a resolved incident', async () => {
    const incident = await open();
    const result = await records.pagePerson({ userId: 'bob', role: 'triage-analyst' }, incident.id, 'ann');
    expect(result.ok).toBe(true);
    const pages = await store.listPages(incident.id);
    expect(pages.map((p) => [p.userId, p.channel, p.level, p.state]).sort()).toEqual([
      ['ann', 'email', 0, 'queued'],
      ['ann', 'push', 0, 'queued'],
    ]);
    const due = await store.claimDueJobs(new Date('2026-11-28T12:10:00Z'), 10, 'test', 1000);
    expect(due.map((j) => j.kind).sort()).toEqual(['page.level', 'page.send']);
    const queued = (await store.listTimeline(incident.id)).find((e) => e.type === 'page.queued');
    expect(queued).toMatchObject({ actor: { type: 'user', id: 'bob' }, data: { userId: 'ann', manual: true } });

    expect(await records.pagePerson({ userId: 'bob', role: 'triage-analyst' }, incident.id, 'nobody')).toMatchObject({
      ok: false,
      error: { code: 'invalid', field: 'userId' },
    });
    const resolved = await open({ status: 'resolved', resolvedAt: clock.now().toISOString() });
    expect(await records.pagePerson({ userId: 'bob', role: 'triage-analyst' }, resolved.id, 'ann')).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
  });
});
