import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Config } from '../../shared/config/config-schema.js';
import type { AlertInput } from '../../shared/schemas/alert.js';
import type { Policy } from '../../shared/schemas/policy.js';
import { createStore } from '../../server/adapters/store/create-store.js';
import { applyConfig } from '../../server/app/config/apply-config.js';
import { hashIntegrationKey } from '../../server/app/config/integration-key.js';
import { ingestAlerts } from '../../server/app/intake/ingest-alerts.js';
import type { Store } from '../../server/app/ports/store.js';
import { exampleConfig } from './example-store.js';
import { createManualClock, type ManualClock } from './manual-clock.js';
import { createPagingHarness, type PagingHarness, type PagingHarnessOptions, type RecordedPush } from './paging-harness.js';

/** Monday 2026-11-02 09:00 in New York: inside the example team's business hours. */
export const T0 = new Date('2026-11-02T14:00:00Z');
/** One minute in milliseconds. */
export const MIN = 60_000;
/** The instant `ms` after `from` (T0 by default), as an ISO string. */
export const iso = (ms: number, from = T0): string => new Date(from.getTime() + ms).toISOString();

/** Level 1 pages bob, level 2 pages cara (5 and 10 minutes), stop on read, no loop, fail over to the lead. */
export const BASE_POLICY: Partial<Policy> = {
  stopOn: 'read',
  repeat: 0,
  repeatPageEvery: 60,
  levels: [
    { delay: 300, targets: [{ user: 'bob' }] },
    { delay: 600, targets: [{ user: 'cara' }] },
  ],
  failover: { email: ['lead@example.com'], users: [] },
};

/** A real store with the example team, a manual clock, and the paging harness around them. */
export interface EscalationWorld {
  clock: ManualClock;
  store: Store;
  h: PagingHarness;
  /** Ingests one alert on the example's Events v2 integration (critical: high) and returns the incident id. */
  trigger(over?: Partial<AlertInput>): Promise<string>;
  /** The incident's due rows, read straight from the SQLite file. */
  jobs(incidentId: string): { id: string; kind: string; dueAt: string }[];
  /** The types of the incident's timeline events, in order. */
  timeline(incidentId: string): Promise<string[]>;
  /** Stops the runner, closes the store and removes its folder. */
  close(): Promise<void>;
}

/**
 * Opens a real SQLite store in a temp folder with the example config — its `noc-default` policy
 * changed to `BASE_POLICY`, then by `policy`, then by `edit` — and the paging harness around it, with
 * a manual clock at `start`. `options.wrapStore` may put a proxy between the harness and the store
 * (to make transactions fail or run twice); `options.harness` goes to the harness as it is.
 */
export async function openEscalationWorld(
  policy: Partial<Policy> = {},
  start = T0,
  edit: (config: Config) => void = () => {},
  options: { wrapStore?: (store: Store) => Store; harness?: Omit<PagingHarnessOptions, 'store' | 'clock'> } = {},
): Promise<EscalationWorld> {
  const config: Config = exampleConfig();
  config.policies[0] = structuredClone({ ...config.policies[0]!, ...BASE_POLICY, ...policy });
  edit(config);
  const clock = createManualClock(start);
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-escalator-'));
  const file = path.join(dir, 'klaxon.db');
  const store = await createStore(file);
  await applyConfig(store, config, clock);
  const reader = new BetterSqlite3(file, { readonly: true });
  const h = createPagingHarness({ ...options.harness, store: options.wrapStore ? options.wrapStore(store) : store, clock });
  const integration = (await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef')))!;
  return {
    clock,
    store,
    h,
    async trigger(over = {}) {
      const alert: AlertInput = {
        action: 'trigger',
        dedupKey: 'disk-full-srv1',
        summary: 'Disk full on srv1',
        severity: 'critical',
        source: 'srv1',
        labels: {},
        links: [],
        payload: null,
        ...over,
      };
      const [result] = await ingestAlerts(h.ingestDeps, integration, [alert]);
      return result!.incidentId!;
    },
    jobs(incidentId) {
      const rows = reader
        .prepare('select id, kind, due_at from jobs where incident_id = ? order by due_at, id')
        .all(incidentId) as { id: string; kind: string; due_at: number }[];
      return rows.map((r) => ({ id: r.id, kind: r.kind, dueAt: new Date(Number(r.due_at)).toISOString() }));
    },
    async timeline(incidentId) {
      return (await store.listTimeline(incidentId)).map((e) => e.type);
    },
    async close() {
      await h.runner.stop();
      reader.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The pushes one person's phone got, in order. */
export const pushesTo = (h: PagingHarness, userId: string): RecordedPush[] => h.pushes.filter((p) => p.userId === userId);
