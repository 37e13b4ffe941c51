import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import { createIncidentFeed, type FeedChange } from '../feed/incident-feed.js';
import { createJobRunner } from '../jobs/job-runner.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { IntegrationRecord, Store } from '../ports/store.js';
import { createReleaseHandler, releaseJob } from './deferral.js';
import { ingestAlerts, type IngestDeps } from './ingest-alerts.js';
import { createPriorityRules } from './priority-rules.js';

const alert = (over: Partial<AlertInput> = {}): AlertInput => ({
  action: 'trigger',
  dedupKey: 'disk-full-srv1',
  summary: 'Disk full on srv1',
  severity: 'critical',
  source: 'srv1',
  labels: {},
  links: [],
  payload: { raw: true },
  ...over,
});

describe('ingestAlerts', () => {
  let clock: ManualClock;
  let store: Store;
  let cleanup: () => Promise<void>;
  let integration: IntegrationRecord;
  let escalated: string[];
  let resolved: string[];
  let published: FeedChange[];
  let deps: IngestDeps;

  beforeEach(async () => {
    // Monday 2026-11-02 09:00 in New York, inside the example team's business hours.
    clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
    ({ store, cleanup } = await openExampleStore(clock));
    integration = (await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef')))!;
    escalated = [];
    resolved = [];
    published = [];
    const lifecycle: IncidentLifecycle = {
      escalate: async (changes, incident) => {
        escalated.push(incident.id);
        return (await changes.tx.updateIncident(incident.id, { escalation: 'running' })) ?? incident;
      },
      acknowledged: async (_changes, incident) => incident,
      resolved: async (_changes, incident) => {
        resolved.push(incident.id);
        return incident;
      },
    };
    const feed = createIncidentFeed();
    feed.subscribe((change) => published.push(change));
    deps = {
      store,
      feed,
      clock,
      lifecycle,
      pokeJobs: () => {},
      priorityRules: createPriorityRules(),
      metrics: { incidentsOpened: { inc: () => {} }, dedupHits: { inc: () => {} } } as unknown as IngestDeps['metrics'],
    };
  });

  afterEach(() => cleanup());

  it('folds three triggers into one incident counted three times, escalated once', async () => {
    const outcomes = [];
    for (let i = 0; i < 3; i++) {
      outcomes.push(...(await ingestAlerts(deps, integration, [alert()])));
      clock.advance(1000);
    }
    expect(outcomes.map((o) => o.outcome)).toEqual(['opened', 'folded', 'folded']);
    const open = await store.listOpenIncidents();
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ alertCount: 3, priority: 'high', status: 'triggered', escalation: 'running' });
    expect(open[0]!.lastSeenAt).toBe('2026-11-02T14:00:02.000Z');
    expect(escalated).toEqual([open[0]!.id]);
    expect(await store.listAlerts(open[0]!.id, 10)).toHaveLength(3);
    // Each duplicate is on the record, with the source as actor and when it came.
    const folded = (await store.listTimeline(open[0]!.id)).filter((e) => e.type === 'alert.folded');
    expect(folded.map((e) => [e.at, e.actor.type, e.data.alertCount])).toEqual([
      ['2026-11-02T14:00:01.000Z', 'source', 2],
      ['2026-11-02T14:00:02.000Z', 'source', 3],
    ]);
  });

  it('gives incidents, their alerts and their events ids that sort in the order they were made, so their rows go at the end of every index they key', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await ingestAlerts(deps, integration, [alert({ dedupKey: `switch-${i}` })]))[0]!.incidentId!);
    expect([...ids].sort()).toEqual(ids);
    const alerts = await Promise.all(ids.map(async (id) => (await store.listAlerts(id, 1))[0]!.id));
    expect([...alerts].sort()).toEqual(alerts);
    const events = (await Promise.all(ids.map((id) => store.listTimeline(id)))).flat().map((e) => e.id);
    expect([...events].sort()).toEqual(events);
  });

  it('resolves from the source, and a later trigger opens a new incident', async () => {
    const [first] = await ingestAlerts(deps, integration, [alert()]);
    const [done] = await ingestAlerts(deps, integration, [alert({ action: 'resolve' })]);
    expect(done).toMatchObject({ outcome: 'resolved', incidentId: first!.incidentId });
    expect(resolved).toEqual([first!.incidentId]);
    const [again] = await ingestAlerts(deps, integration, [alert()]);
    expect(again!.outcome).toBe('opened');
    expect(again!.incidentId).not.toBe(first!.incidentId);
    const timeline = await store.listTimeline(first!.incidentId!);
    expect(timeline.map((e) => [e.type, e.actor.type])).toEqual([
      ['incident.opened', 'source'],
      ['incident.resolved', 'source'],
    ]);
  });

  it('acknowledges from the source and ignores follow-ups for unknown dedup keys', async () => {
    await ingestAlerts(deps, integration, [alert()]);
    const [ack] = await ingestAlerts(deps, integration, [alert({ action: 'acknowledge' })]);
    expect(ack!.outcome).toBe('acknowledged');
    const [unknown] = await ingestAlerts(deps, integration, [alert({ action: 'resolve', dedupKey: 'never-seen' })]);
    expect(unknown).toEqual({ dedupKey: 'never-seen', incidentId: null, outcome: 'ignored' });
    expect((await store.listOpenIncidents())[0]!.status).toBe('acknowledged');
  });

  it('publishes only after commit, created before updated', async () => {
    await ingestAlerts(deps, integration, [alert()]);
    await ingestAlerts(deps, integration, [alert()]);
    const kinds = published.filter((c) => c.type !== 'timeline:appended').map((c) => c.type);
    expect(kinds).toEqual(['incident:created', 'incident:updated']);
    const seqs = published.flatMap((c) => (c.type === 'incident:created' || c.type === 'incident:updated' ? [c.incident.seq] : []));
    expect(seqs[1]!).toBeGreaterThan(seqs[0]!);
  });

  it('holds a medium incident on Saturday until Monday 09:00 New York time, then releases it', async () => {
    clock.set(new Date('2026-11-07T15:00:00Z')); // Saturday
    const [held] = await ingestAlerts(deps, integration, [alert({ summary: 'Nightly BACKUP failed', severity: 'warning', dedupKey: 'bk' })]);
    let incident = (await store.getIncident(held!.incidentId!)) as Incident;
    expect(incident).toMatchObject({ priority: 'medium', escalation: 'deferred', deferredUntil: '2026-11-09T14:00:00.000Z' });
    expect(escalated).toEqual([]);

    const runner = createJobRunner({
      store,
      clock,
      owner: 'test',
      onError: (e) => {
        throw e;
      },
      handlers: { [releaseJob.kind]: createReleaseHandler(deps) },
    });
    clock.set(new Date('2026-11-09T13:59:59Z'));
    expect(await runner.runDue()).toBe(0);
    clock.set(new Date('2026-11-09T14:00:00Z'));
    expect(await runner.runDue()).toBe(1);
    await runner.stop();
    incident = (await store.getIncident(held!.incidentId!)) as Incident;
    expect(incident).toMatchObject({ deferredUntil: null, escalation: 'running' });
    expect(escalated).toEqual([incident.id]);
    expect((await store.listTimeline(incident.id)).map((e) => e.type)).toEqual([
      'incident.opened',
      'incident.deferred',
      'incident.released',
    ]);
  });

  it('does not release a held incident that was resolved meanwhile', async () => {
    clock.set(new Date('2026-11-07T15:00:00Z'));
    await ingestAlerts(deps, integration, [alert({ summary: 'backup warning', severity: 'info', dedupKey: 'bk2' })]);
    await ingestAlerts(deps, integration, [alert({ action: 'resolve', dedupKey: 'bk2' })]);
    clock.set(new Date('2026-11-09T15:00:00Z'));
    expect(await store.claimDueJobs(clock.now(), 10, 'x', 1000)).toEqual([]);
    expect(escalated).toEqual([]);
  });
});
