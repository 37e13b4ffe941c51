import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import { exampleConfig } from '../../../tests/support/example-store.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createPagingHarness } from '../../../tests/support/paging-harness.js';
import { applyConfig } from '../../app/config/apply-config.js';
import { hashIntegrationKey } from '../../app/config/integration-key.js';
import { ingestAlerts } from '../../app/intake/ingest-alerts.js';
import type { Store } from '../../app/ports/store.js';
import { createStore } from './create-store.js';

/** The tables that grow with every alert: a statement of the hot path must not read all of them. */
const GROWING = ['incidents', 'alerts', 'timeline_events', 'jobs', 'pages', 'search_docs'];

/** A `SCAN t` step of a query plan without an index: every row of t is read. */
const fullScan = (detail: string): string | undefined => {
  const match = /^SCAN (\w+)(.*)$/.exec(detail);
  if (!match || !GROWING.includes(match[1]!) || /USING (COVERING )?INDEX|USING INTEGER PRIMARY KEY/.test(match[2]!)) return undefined;
  return match[1];
};

describe('the statements of ingest and paging on SQLite', () => {
  let dir: string | undefined;
  let store: Store | undefined;

  afterEach(async () => {
    await store?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('read the growing tables by index, never by scanning every row', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'klaxon-plans-'));
    const file = path.join(dir, 'klaxon.db');
    const ran = new Map<string, readonly unknown[]>(); // SQL text → its parameters
    store = await createStore(file, { log: (event) => void ran.set(event.query.sql, event.query.parameters) });
    const clock = createManualClock(new Date('2026-11-02T14:00:00Z'));
    await applyConfig(store, exampleConfig(), clock);
    const h = createPagingHarness({ store, clock });
    const integration = (await store.findIntegrationByKeyHash(hashIntegrationKey('0123456789abcdef0123456789abcdef')))!;
    const alert = (dedupKey: string, action: AlertInput['action'] = 'trigger'): AlertInput => ({
      action, dedupKey, summary: `Disk full on ${dedupKey}`, severity: 'critical', source: dedupKey, labels: {}, links: [], payload: null,
    });

    ran.clear(); // what set-up ran is not the hot path
    // Open, fold, escalate through the levels, acknowledge and resolve by the source, page by page.
    await ingestAlerts(h.ingestDeps, integration, [alert('srv1'), alert('srv2')]);
    await ingestAlerts(h.ingestDeps, integration, [alert('srv1')]);
    for (let minute = 0; minute < 30; minute++) {
      await h.drain();
      clock.advance(60_000);
    }
    await ingestAlerts(h.ingestDeps, integration, [alert('srv1', 'acknowledge'), alert('srv2', 'resolve')]);
    await h.drain();
    expect(h.errors).toEqual([]);
    expect(h.pushes.length).toBeGreaterThan(0);

    const reader = new BetterSqlite3(file, { readonly: true });
    try {
      const scans: string[] = [];
      for (const [text, parameters] of ran) {
        if (!/^\s*(select|update|delete|insert|with)\b/i.test(text)) continue;
        // Planned without the values: SQLite plans a statement once, and one whose plan hangs on a
        // bound value (a partial index's condition compared with a parameter) is prepared anew on
        // every run (and scans when the value does not match).
        const plan = reader.prepare(`explain query plan ${text}`).all(...parameters.map(() => null)) as { detail: string }[];
        for (const { detail } of plan) {
          const table = fullScan(detail);
          if (table) scans.push(`${table}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`);
        }
      }
      expect(scans).toEqual([]);
      expect(ran.size).toBeGreaterThan(10);
    } finally {
      reader.close();
    }
  });
});
