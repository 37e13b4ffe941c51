import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import { exampleConfig, openExampleStore } from '../../../tests/support/example-store.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import { createJobRunner } from '../jobs/job-runner.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { IntegrationRecord, Store } from '../ports/store.js';
import { createClientDirectory } from '../clients/client-directory.js';
import { createReleaseHandler, releaseJob } from './deferral.js';
import { ingestAlerts, type IngestDeps } from './ingest-alerts.js';
import { createPriorityRules } from './priority-rules.js';

const alert = (over: Partial<AlertInput> = {}): AlertInput => ({
  action: 'trigger',
  dedupKey: 'k1',
  summary: 'Nightly BACKUP failed',
  severity: 'warning',
  source: 'srv1',
  labels: { group: 'acme' },
  links: [],
  payload: {},
  ...over,
});

describe('ingest with clients', () => {
  let clock: ManualClock;
  let store: Store;
  let cleanup: () => Promise<void>;
  let integration: IntegrationRecord;
  let escalated: string[];
  let deps: IngestDeps;

  beforeEach(async () => {
    // Saturday 2026-03-28 20:00 in Berlin (UTC+1); Europe's clocks jump an hour on Sunday the 29th.
    clock = createManualClock(new Date('2026-03-28T19:00:00Z'));
    const config = exampleConfig();
    const acme = config.clients.find((c) => c.id === 'acme')!;
    Object.assign(acme, { timeZone: 'Europe/Berlin', holidays: [] });
    config.services[0]!.priorityRules.unshift({ when: { criticality: ['critical'], summary: '(?i)billing' }, priority: 'high' });
    ({ store, cleanup } = await openExampleStore(clock, config));
    integration = (await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef')))!;
    escalated = [];
    const lifecycle: IncidentLifecycle = {
      escalate: async (changes, incident) => {
        escalated.push(incident.id);
        return (await changes.tx.updateIncident(incident.id, { escalation: 'running' })) ?? incident;
      },
      acknowledged: async (_changes, incident) => incident,
      resolved: async (_changes, incident) => incident,
    };
    deps = {
      store,
      feed: createIncidentFeed(),
      clock,
      lifecycle,
      pokeJobs: () => {},
      priorityRules: createPriorityRules(createClientDirectory({ clock })),
      metrics: { incidentsOpened: { inc: () => {} }, dedupHits: { inc: () => {} } } as unknown as IngestDeps['metrics'],
    };
  });

  afterEach(() => cleanup());

  it("holds a client's medium incident until the client's Monday 08:00 (summer time), then releases it", async () => {
    const [held] = await ingestAlerts(deps, integration, [alert()]);
    const incident = await store.getIncident(held!.incidentId!);
    // 08:00 in Berlin on Monday the 30th is 06:00 UTC after the change (the team would wait for 13:00 UTC).
    expect(incident).toMatchObject({ clientId: 'acme', priority: 'medium', escalation: 'deferred', deferredUntil: '2026-03-30T06:00:00.000Z' });
    const deferred = (await store.listTimeline(incident!.id)).find((e) => e.type === 'incident.deferred');
    expect(deferred?.data.reason).toBe('medium priority waits for the business hours of client Acme Corp');

    const runner = createJobRunner({ store, clock, owner: 'test', onError: (e) => { throw e; }, handlers: { [releaseJob.kind]: createReleaseHandler(deps) } });
    clock.set(new Date('2026-03-30T05:59:59Z'));
    expect(await runner.runDue()).toBe(0);
    clock.set(new Date('2026-03-30T06:00:00Z'));
    expect(await runner.runDue()).toBe(1);
    await runner.stop();
    expect(await store.getIncident(incident!.id)).toMatchObject({ escalation: 'running', deferredUntil: null });
    expect(escalated).toEqual([incident!.id]);
  });

  it("raises an alert on a service a client's critical process depends on by the criticality rule", async () => {
    const [paged] = await ingestAlerts(deps, integration, [alert({ dedupKey: 'k2', summary: 'Billing export late', severity: 'info' })]);
    expect(await store.getIncident(paged!.incidentId!)).toMatchObject({ clientId: 'acme', priority: 'high', escalation: 'running' });
  });

  it("keeps the team's hours and no client for an alert no client claims", async () => {
    const [held] = await ingestAlerts(deps, integration, [alert({ dedupKey: 'k3', labels: {} })]);
    // Monday 09:00 in New York (still UTC-4 after the US change on March 8th).
    expect(await store.getIncident(held!.incidentId!)).toMatchObject({ clientId: null, deferredUntil: '2026-03-30T13:00:00.000Z' });
  });
});
