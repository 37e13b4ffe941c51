/**
 * Escalation lateness benchmark: how late do escalation steps run when many incidents escalate at
 * once? Opens a real store (a temp SQLite file, or a throw-away database on the PostgreSQL server of
 * `--pg <url>`), opens `--incidents N` (10,000) incidents escalating on a two-level policy (level 1
 * times out after 40 s, level 2 fails over 10 s later), so that their level-1 timeouts fall due spread
 * over `--window S` (30) seconds from `--lead S` (75) seconds after the start, and lets the real
 * escalator, page sender, failover mailer and job runner work through them on the system clock (fake
 * phone and mailer). Each `escalation.step` run records how late it started against its row's due
 * time; a run that is so late that it also handles the next level's timeout counts that one too (the
 * "level timeout" row). As the same-run baseline, a worker thread sets plain timers (no work) for the
 * same due times, so the figures read as a ratio. Prints count, p50, p90, p99 and max in ms.
 *
 *   npx tsx tests/bench/escalation-lateness.ts [--incidents N] [--window S] [--lead S] [--pg URL]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { Policy } from '../../shared/schemas/policy.js';
import { createSystemClock } from '../../server/adapters/clock/system-clock.js';
import { createStore } from '../../server/adapters/store/create-store.js';
import { applyConfig } from '../../server/app/config/apply-config.js';
import { ChangeSet } from '../../server/app/incidents/change-set.js';
import type { JobHandler } from '../../server/app/jobs/job-runner.js';
import type { IncidentLifecycle } from '../../server/app/ports/incident-lifecycle.js';
import type { Store } from '../../server/app/ports/store.js';
import { exampleConfig } from '../support/example-store.js';
import { createPagingHarness } from '../support/paging-harness.js';
import { createTestDatabase } from '../support/postgres.js';

const { values: flags } = parseArgs({
  options: {
    incidents: { type: 'string', default: '10000' },
    window: { type: 'string', default: '30' },
    lead: { type: 'string', default: '75' },
    pg: { type: 'string' },
  },
});
const N = Number(flags.incidents);
const WINDOW_MS = Number(flags.window) * 1000;
/** From the start of set-up to the first level timeout: set-up and the first pages happen before it. */
const LEAD_MS = Number(flags.lead) * 1000;
/** Level 1 (bob) times out after 40 s, level 2 (cara) 10 s later with the failover e-mail. */
const LEVEL_1_S = 40;
const LEVEL_2_S = 10;
/** The run gives up waiting for stragglers this long after the last step was due… */
const GRACE_MS = 45_000;
/** …and in any case this long after it began, so that a default run stays within three minutes. */
const BUDGET_MS = 170_000;
const BATCH = 250;

const policy: Policy = {
  id: 'bench',
  name: 'Benchmark',
  team: 'noc',
  stopOn: 'read',
  repeat: 0,
  // No page repeats inside the run: the steps measured are level timeouts and failovers.
  repeatPageEvery: 3600,
  levels: [
    { delay: LEVEL_1_S, targets: [{ user: 'bob' }] },
    { delay: LEVEL_2_S, targets: [{ user: 'cara' }] },
  ],
  failover: { email: ['lead@example.com'], users: [] },
};

interface Stats {
  count: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function stats(values: number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { count: sorted.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: sorted[sorted.length - 1] ?? NaN };
}

const row = (label: string, s: Stats) =>
  `${label.padEnd(30)}${String(s.count).padStart(7)}${[s.p50, s.p90, s.p99, s.max].map((v) => v.toFixed(0).padStart(9)).join('')}`;

/** Plain timers in a worker thread (its own event loop, no work): the lateness the OS and Node add. */
function timerBaseline(dueTimes: number[]): Promise<number[]> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const late = [];
    let left = workerData.length;
    for (const due of workerData) {
      setTimeout(() => {
        late.push(Date.now() - due);
        if (--left === 0) parentPort.postMessage(late);
      }, Math.max(0, due - Date.now()));
    }`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: dueTimes });
    worker.once('message', (late: number[]) => {
      resolve(late);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

async function openStore(): Promise<{ store: Store; label: string; close(): Promise<void> }> {
  if (flags.pg) {
    const database = await createTestDatabase(flags.pg);
    const store = await createStore(database.url);
    return {
      store,
      label: `PostgreSQL (${new URL(flags.pg).host})`,
      close: async () => {
        await store.close();
        await database.drop();
      },
    };
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-bench-'));
  const store = await createStore(path.join(dir, 'klaxon.db'));
  return {
    store,
    label: 'SQLite (temp file, WAL, synchronous=FULL)',
    close: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Opens incident `i` at the change set's time and starts its escalation, as ingest does; returns its id. */
async function openIncident(changes: ChangeSet, i: number, lifecycle: IncidentLifecycle): Promise<string> {
  const at = changes.now.toISOString();
  const incident = await changes.tx.insertIncident({
    id: randomUUID(),
    serviceId: 'rmm',
    teamId: 'noc',
    dedupKey: `bench-${i}`,
    status: 'triggered',
    priority: 'high',
    severity: 'critical',
    summary: `Benchmark incident ${i}`,
    source: 'bench',
    alertCount: 1,
    firstSeenAt: at,
    lastSeenAt: at,
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
  });
  await changes.timeline(incident.id, 'incident.opened', { type: 'source', id: 'bench' });
  await lifecycle.escalate(changes, incident, policy);
  return incident.id;
}

async function main(): Promise<void> {
  const clock = createSystemClock();
  const setupStart = Date.now();
  const { store, label, close } = await openStore();
  const config = exampleConfig();
  config.policies.push(policy);
  // Bob's level-1 pages wait behind a 1 h notify rule, so set-up sends nothing and the runner starts
  // with an empty backlog; Cara's level-2 pages and the failover e-mails are sent during the run.
  config.users.find((u) => u.id === 'bob')!.notify = [{ channel: 'push', after: 3600 }];
  await applyConfig(store, config, clock);

  // Incident i opens at o_i; its level 1 times out at o_i + 40 s, inside [lead, lead + window].
  const firstDue = setupStart + LEAD_MS;
  const openedAt = (i: number) => firstDue - LEVEL_1_S * 1000 + Math.floor((i / N) * WINDOW_MS);
  const dueTimes = Array.from({ length: N }, (_, i) => [openedAt(i) + LEVEL_1_S * 1000, openedAt(i) + (LEVEL_1_S + LEVEL_2_S) * 1000]).flat();
  const lastDue = Math.max(...dueTimes);

  const late: number[] = [];
  const took: number[] = [];
  // A step that runs past the next boundary too (a backlog) does both levels' work in one run: each
  // level timeout's own lateness is when the first run at or after its due time started.
  const pendingDues = new Map<string, number[]>();
  const boundaryLate: number[] = [];
  const wrapStep = (handler: JobHandler): JobHandler => async (job, now) => {
    const started = Date.now();
    late.push(started - job.dueAt.getTime());
    const dues = pendingDues.get(job.incidentId ?? '') ?? [];
    while (dues.length > 0 && dues[0]! <= started) boundaryLate.push(started - dues.shift()!);
    await handler(job, now);
    took.push(Date.now() - started);
  };
  const h = createPagingHarness({ store, clock, wrapStep, pokeRunner: true });

  for (let from = 0; from < N; from += BATCH) {
    await store.transaction(async (tx) => {
      for (let i = from; i < Math.min(N, from + BATCH); i++) {
        const id = await openIncident(new ChangeSet(tx, new Date(openedAt(i))), i, h.escalator.lifecycle);
        pendingDues.set(id, [dueTimes[2 * i]!, dueTimes[2 * i + 1]!]);
      }
    });
  }
  const created = Date.now();
  console.log(`escalation lateness — ${label}`);
  console.log(
    `${N} incidents created in ${((created - setupStart) / 1000).toFixed(1)} s; level timeouts due from +${((firstDue - created) / 1000).toFixed(1)} s over ${WINDOW_MS / 1000} s, ` +
      `failovers ${LEVEL_2_S} s after each (${2 * N} steps)`,
  );
  if (created > firstDue) console.log(`warning: set-up ran past the first due time; raise --lead`);

  const baseline = timerBaseline(dueTimes);
  const runStart = Date.now();
  await h.runner.start();
  // Done when every level timeout was handled and every incident's failover e-mail went out.
  const done = () => boundaryLate.length >= 2 * N && h.mails.length >= N;
  const giveUpAt = Math.max(lastDue, Math.min(lastDue + GRACE_MS, setupStart + BUDGET_MS));
  while (!done() && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 250));
  await h.runner.stop();
  const runEnd = Date.now();
  const timers = await baseline;

  // Timeouts still unhandled count with their lateness so far: a lower bound, so the row is not flattered.
  const handled = boundaryLate.length;
  for (const dues of pendingDues.values()) for (const due of dues) if (due <= runEnd) boundaryLate.push(runEnd - due);
  const steps = stats(late);
  const levels = stats(boundaryLate);
  const plain = stats(timers);
  console.log(`${''.padEnd(30)}${'count'.padStart(7)}${['p50', 'p90', 'p99', 'max'].map((s) => `${s} ms`.padStart(9)).join('')}`);
  console.log(row('escalation.step job lateness', steps));
  console.log(row('level timeout lateness', levels));
  console.log(row('plain timer lateness (base)', plain));
  console.log(row('step handler duration', stats(took)));
  const ratio = (a: number, b: number) => (a / Math.max(b, 1)).toFixed(1);
  console.log(`ratio step/timer: p50 ${ratio(steps.p50, plain.p50)}×, p99 ${ratio(steps.p99, plain.p99)}× (timer figures below 1 ms count as 1 ms)`);
  console.log(
    `runner: ${((runEnd - runStart) / 1000).toFixed(1)} s; ${h.pushes.length} pushes, ${h.mails.length} failover e-mails, ${h.errors.length} job errors` +
      (handled >= 2 * N ? '' : `; INCOMPLETE: ${2 * N - handled} level timeouts not handled ${((giveUpAt - lastDue) / 1000).toFixed(0)} s after the last was due (counted above as late as the run's end)`),
  );
  await close();
}

await main();
