import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { exampleConfig, openExampleStore } from '../../../tests/support/example-store.js';
import { hashIntegrationKey } from '../config/integration-key.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { Store } from '../ports/store.js';
import { ingestAlerts, type IngestDeps } from './ingest-alerts.js';
import { createPriorityRules } from './priority-rules.js';

const alert = (over: Partial<AlertInput> = {}): AlertInput => ({
  action: 'trigger',
  dedupKey: 'k1',
  summary: 'Disk full on srv1',
  severity: 'critical',
  source: 'srv1',
  labels: {},
  links: [],
  payload: {},
  ...over,
});

// The example's `rmm` rules: #1 critical/error → high, #2 summary "backup" → medium, #3 everything → low.
describe('ingest records which priority rule set the priority', () => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let deps: IngestDeps;

  beforeEach(async () => {
    const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
    const config = exampleConfig();
    // A second service without rules: its incidents take the severity default.
    const rmm = config.services.find((s) => s.id === 'rmm')!;
    config.services.push({ ...rmm, id: 'bare', name: 'Bare', priorityRules: [], integrations: [{ type: 'events-v2', key: 'bare-key-0123456789abcdef01234567' }] });
    ({ store, cleanup } = await openExampleStore(clock, config));
    const lifecycle: IncidentLifecycle = {
      escalate: async (_changes, incident) => incident,
      acknowledged: async (_changes, incident) => incident,
      resolved: async (_changes, incident) => incident,
    };
    deps = {
      store,
      feed: createIncidentFeed(),
      clock,
      lifecycle,
      pokeJobs: () => {},
      priorityRules: createPriorityRules(),
      metrics: { incidentsOpened: { inc: () => {} }, dedupHits: { inc: () => {} } } as unknown as IngestDeps['metrics'],
    };
  });
  afterEach(() => cleanup());

  async function open(key: string, a: AlertInput) {
    const integration = (await store.findIntegrationByKeyHash(hashIntegrationKey(key)))!;
    const [outcome] = await ingestAlerts(deps, integration, [a]);
    const opened = (await store.listTimeline(outcome!.incidentId!)).find((e) => e.type === 'incident.opened')!;
    const facts = await store.reportIncidents({ fromMs: 0, toMs: Date.parse('2030-01-01T00:00:00Z'), viewer: { userId: 'ann', seeAllConfidential: true } });
    return { data: opened.data, column: facts.find((f) => f.id === outcome!.incidentId)!.rule };
  }

  it('writes data.rule "<serviceId>#<n>" on incident.opened and in the incident row', async () => {
    const rmmKey = '0123456789abcdef0123456789abcdef';
    expect(await open(rmmKey, alert())).toMatchObject({ data: { rule: 'rmm#1', priority: 'high' }, column: 'rmm#1' });
    expect(await open(rmmKey, alert({ dedupKey: 'k2', severity: 'warning', summary: 'Nightly backup late' }))).toMatchObject({ data: { rule: 'rmm#2', priority: 'medium' }, column: 'rmm#2' });
    expect(await open(rmmKey, alert({ dedupKey: 'k3', severity: 'info' }))).toMatchObject({ data: { rule: 'rmm#3', priority: 'low' }, column: 'rmm#3' });
  });

  it('leaves data.rule out when the severity default applied', async () => {
    const { data, column } = await open('bare-key-0123456789abcdef01234567', alert({ severity: 'warning' }));
    expect(data).not.toHaveProperty('rule');
    expect(data.priority).toBe('medium');
    expect(column).toBeNull();
  });
});
