/**
 * Escalation burst benchmark: `--incidents N` (2,000) incidents whose level-1 timeout falls due
 * within `--window S` (10) seconds; how late does the level-2 page reach the phone?
 *
 * Klaxon: the incidents are opened and their escalations started in a fresh store (a temp SQLite
 * file, or with `--pg` a throw-away database on `--pg-url`, `KLAXON_TEST_PG_URL` or the local server),
 * back-dated so that their level-1 timeouts (bob, 40 s) fall due spread over the window from `--lead S`
 * seconds after the start. Then a real relay process starts on that store and cara's phone
 * (socket.io-client on `/device`, as the phone app) connects; level 2 pages cara at each timeout.
 * Lateness = the page's arrival on the phone − its level-1 timeout.
 *
 * Baseline, in the same run and before it: a bare socket.io server in its own process sets one plain
 * timer per due time (the same N over the same window) and emits a `page` to the same kind of client.
 * Prints count, p50, p90, p99 and max of both, and the ratios; then the relay's CPU time per incident
 * and the machine's load average, since on a shared machine the lateness follows the load.
 *
 *   npx tsx tests/bench/escalation-lateness.ts [--incidents N] [--window S] [--lead S] [--pg] [--pg-url URL]
 */
import { spawn } from 'node:child_process';
import { timeOrderedId } from '../../server/app/ids/time-ordered-id.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io } from 'socket.io-client';
import type { Policy } from '../../shared/schemas/policy.js';
import { createSilentLogger } from '../../server/adapters/log/create-logger.js';
import { createSystemClock } from '../../server/adapters/clock/system-clock.js';
import { createStore } from '../../server/adapters/store/create-store.js';
import { applyConfig } from '../../server/app/config/apply-config.js';
import { createEscalator } from '../../server/app/escalation/escalator.js';
import { createIncidentFeed } from '../../server/app/feed/incident-feed.js';
import { ChangeSet } from '../../server/app/incidents/change-set.js';
import type { Store } from '../../server/app/ports/store.js';
import { exampleConfig } from '../support/example-store.js';
import { connectPhone, login } from '../support/phone.js';
import { createTestDatabase } from '../support/postgres.js';
import { freePort, startRelayProcess } from '../support/relay-process.js';

const { values: flags } = parseArgs({
  options: {
    incidents: { type: 'string', default: '2000' },
    window: { type: 'string', default: '10' },
    lead: { type: 'string' },
    pg: { type: 'boolean', default: false },
    'pg-url': { type: 'string' },
  },
});
const N = Number(flags.incidents);
const WINDOW_MS = Number(flags.window) * 1000;
/** From the start to the first level-1 timeout: set-up, relay start and phone sign-in happen first. */
const LEAD_MS = Number(flags.lead ?? (flags.pg ? 30 + N / 40 : Math.max(30, 10 + N / 100))) * 1000;
const PG_URL = flags['pg-url'] ?? process.env.KLAXON_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const LEVEL_1_S = 40;
/** The run gives up on pages still missing this long after the last was due. */
const GRACE_MS = 60_000;
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

const policy: Policy = {
  id: 'bench',
  name: 'Benchmark',
  team: 'noc',
  stopOn: 'read',
  repeat: 0,
  repeatPageEvery: 3600,
  // Level 2 waits an hour: the run measures level-1 timeouts paging level 2, nothing after.
  levels: [
    { delay: LEVEL_1_S, targets: [{ user: 'bob' }] },
    { delay: 3600, targets: [{ user: 'cara' }] },
  ],
  failover: { email: [], users: [] },
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
  `${label.padEnd(34)}${String(s.count).padStart(7)}${[s.p50, s.p90, s.p99, s.max].map((v) => v.toFixed(0).padStart(9)).join('')}`;

/** `n` due times spread evenly over the window that starts at `first`. */
const dueTimes = (first: number) => Array.from({ length: N }, (_, i) => first + Math.floor((i / N) * WINDOW_MS));

/**
 * The baseline: a bare socket.io server in its own process sets a plain timer per due time and emits
 * `page {id, due}` to the one client; returns each page's lateness on arrival at the client.
 */
async function bareTimerAndEmit(): Promise<number[]> {
  const port = await freePort();
  const first = Date.now() + 3_000;
  // The due times are computed again in the child from the first and the window: 10,000 of them as
  // JSON would pass the kernel's limit on one environment variable (E2BIG).
  const code = `
    const { Server } = require('socket.io');
    const [first, window, n] = [Number(process.env.FIRST), Number(process.env.WINDOW), Number(process.env.N)];
    const dues = Array.from({ length: n }, (_, i) => first + Math.floor((i / n) * window));
    const server = new Server(Number(process.env.PORT));
    server.on('connection', (socket) => {
      for (const [i, due] of dues.entries()) setTimeout(() => socket.emit('page', { id: i, due }), Math.max(0, due - Date.now()));
    });
    process.on('message', () => server.close(() => process.exit(0)));`;
  const child = spawn(process.execPath, ['-e', code], { cwd: ROOT, env: { ...process.env, PORT: String(port), FIRST: String(first), WINDOW: String(WINDOW_MS), N: String(N) }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const late: number[] = [];
  try {
    for (let tries = 0; ; tries++) {
      const socket = io(`http://127.0.0.1:${port}`, { transports: ['websocket'], reconnection: false });
      const connected = await new Promise<boolean>((resolve) => {
        socket.once('connect', () => resolve(true));
        socket.once('connect_error', () => resolve(false));
      });
      if (!connected) {
        socket.close();
        if (tries > 50) throw new Error('the bare socket.io server did not start');
        await new Promise((resolve) => setTimeout(resolve, 100));
        continue;
      }
      await new Promise<void>((resolve) => {
        socket.on('page', (page: { due: number }) => {
          late.push(Date.now() - page.due);
          if (late.length === N) resolve();
        });
      });
      socket.close();
      return late;
    }
  } finally {
    child.send('stop');
  }
}

/**
 * CPU time (user + system, ms) used so far by this process's child relay (Linux /proc; undefined
 * elsewhere): the relay's own cost, which the lateness figures do not show on a loaded machine.
 */
function relayCpuMs(): number | undefined {
  try {
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[1]) !== process.pid || !readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('server/main.ts')) continue;
      // utime and stime, in clock ticks (100 a second on Linux).
      return (Number(fields[11]) + Number(fields[12])) * 10;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/** Opens the store the relay will run on: a temp SQLite file, or a throw-away PostgreSQL database. */
async function openStore(dir: string): Promise<{ url: string; label: string; store: Store; drop(): Promise<void> }> {
  if (flags.pg) {
    const database = await createTestDatabase(PG_URL);
    return { url: database.url, label: `PostgreSQL (${new URL(PG_URL).host})`, store: await createStore(database.url), drop: database.drop };
  }
  const file = path.join(dir, 'klaxon.db');
  return { url: file, label: 'SQLite (temp file, WAL, synchronous=FULL)', store: await createStore(file), drop: async () => {} };
}

/**
 * Opens `N` incidents and starts their escalations, back-dated so that incident i's level-1 timeout
 * falls due at `dues[i]`; returns incident id → due time.
 */
async function openIncidents(store: Store, dues: number[]): Promise<Map<string, number>> {
  const clock = createSystemClock();
  const escalator = createEscalator({
    store,
    feed: createIncidentFeed(),
    pokeJobs: () => {},
    clock,
    log: createSilentLogger(),
    metrics: { escalations: { inc() {} }, failovers: { inc() {} }, pagesRead: { inc() {} } },
  });
  const byId = new Map<string, number>();
  const starts = Array.from({ length: Math.ceil(N / 100) }, (_, k) => k * 100);
  // PostgreSQL takes several transactions at once (SQLite runs them in turn either way).
  const openBatch = (from: number) =>
    store.transaction(async (tx) => {
      for (let i = from; i < Math.min(N, from + 100); i++) {
        const changes = new ChangeSet(tx, new Date(dues[i]! - LEVEL_1_S * 1000));
        const at = changes.now.toISOString();
        const incident = await tx.insertIncident({
          id: timeOrderedId(),
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
        await escalator.lifecycle.escalate(changes, incident, policy);
        byId.set(incident.id, dues[i]!);
      }
    });
  for (let k = 0; k < starts.length; k += 8) await Promise.all(starts.slice(k, k + 8).map(openBatch));
  return byId;
}

async function klaxon(): Promise<{ label: string; late: number[]; missing: number; setupS: number; warning?: string; cpuMs?: number }> {
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-bench-'));
  const { url, label, store, drop } = await openStore(dir);
  try {
    const config = exampleConfig();
    config.policies.push(policy);
    // Bob's level-1 page waits behind a 1 h notify rule (nothing to send before the burst); cara's
    // level-2 page goes out at once.
    config.users.find((u) => u.id === 'bob')!.notify = [{ channel: 'push', after: 3600 }];
    config.users.find((u) => u.id === 'cara')!.notify = [{ channel: 'push', after: 0 }];
    await applyConfig(store, config, createSystemClock());
    const dues = dueTimes(started + LEAD_MS);
    const dueOf = await openIncidents(store, dues);
    await store.close();

    const relay = await startRelayProcess({ dataDir: dir, deadlineMs: 60_000, env: { KLAXON_DB: url, KLAXON_LOG_LEVEL: 'warn' } });
    try {
      const phone = await connectPhone(relay.url, await login(relay.url, 'cara', 'change-me-cara'));
      const setupS = (Date.now() - started) / 1000;
      const cpuBefore = relayCpuMs();
      const warning = Date.now() > dues[0]! ? 'set-up ran past the first due time; raise --lead' : undefined;
      const arrived = new Map<string, number>();
      const giveUpAt = Math.max(dues[N - 1]!, Date.now()) + GRACE_MS;
      while (arrived.size < N && Date.now() < giveUpAt) {
        for (const page of phone.pages) if (!arrived.has(page.incidentId)) arrived.set(page.incidentId, page.receivedAt);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      for (const page of phone.pages) if (!arrived.has(page.incidentId)) arrived.set(page.incidentId, page.receivedAt);
      phone.close();
      const cpuAfter = relayCpuMs();
      const cpuMs = cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore;
      const late = [...arrived].filter(([id]) => dueOf.has(id)).map(([id, at]) => at - dueOf.get(id)!);
      return { label, late, missing: N - late.length, setupS, warning, cpuMs };
    } finally {
      await relay.stop();
      const problems = [...relay.stdout, ...relay.stderr].filter((line) => /"level":(40|50|60)/.test(line));
      if (problems.length) console.log(`relay warnings and errors (${problems.length}), the first: ${problems.slice(0, 3).join('\n')}`);
    }
  } finally {
    await drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const loadBefore = loadavg()[0]!;
  const bare = stats(await bareTimerAndEmit());
  const run = await klaxon();
  const ours = stats(run.late);
  console.log(`escalation burst — ${run.label}: ${N} incidents, level-1 timeouts due over ${WINDOW_MS / 1000} s (set-up ${run.setupS.toFixed(1)} s)`);
  if (run.warning) console.log(`warning: ${run.warning}`);
  console.log(`${'level-2 page lateness at the phone'.padEnd(34)}${'count'.padStart(7)}${['p50', 'p90', 'p99', 'max'].map((s) => `${s} ms`.padStart(9)).join('')}`);
  console.log(row('baseline: timer + socket.io emit', bare));
  console.log(row('klaxon', ours));
  const ratio = (a: number, b: number) => `${(a / Math.max(b, 1)).toFixed(1)}×`;
  console.log(`measure | baseline | klaxon | ratio`);
  console.log(`level-2 page lateness p50 (ms) | ${bare.p50.toFixed(0)} | ${ours.p50.toFixed(0)} | ${ratio(ours.p50, bare.p50)}`);
  console.log(`level-2 page lateness p99 (ms) | ${bare.p99.toFixed(0)} | ${ours.p99.toFixed(0)} | ${ratio(ours.p99, bare.p99)}`);
  if (run.cpuMs !== undefined) console.log(`relay CPU from the phone's sign-in to the last page: ${run.cpuMs} ms, ${(run.cpuMs / N).toFixed(2)} ms per incident`);
  console.log(`load average (1 min) before / after: ${loadBefore.toFixed(1)} / ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
  if (run.missing > 0) console.log(`INCOMPLETE: ${run.missing} of ${N} level-2 pages did not reach the phone within ${GRACE_MS / 1000} s of the last due time`);
}

await main();
