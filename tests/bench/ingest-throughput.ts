/**
 * Durable ingest throughput: how many Events v2 triggers a second does a real relay commit, against a
 * bare Fastify + better-sqlite3 server (one INSERT per request, WAL, synchronous=FULL, its own temp
 * file) measured in the same run? Starts both as child processes, then drives them in turn (A B A B
 * …, `--rounds` (3) rounds, medians) with `--clients` (32) keep-alive HTTP clients sending
 * `--requests` (4000) requests each round, one trigger with a fresh dedup key per request (so every
 * request opens an incident and starts its escalation: one responder, paged on push). Before each
 * Klaxon round the relay's due work of the previous round (page sends) is left to finish. Prints
 * `measure | baseline | klaxon | ratio` for alerts/s, p50, p99 and the server's CPU time per alert
 * (Klaxon's until its due work is done; on a shared machine the steadier figure), then the SQL statements and commits
 * per accepted alert (the relay counts them under KLAXON_SQL_COUNTS_FILE).
 *
 * `--paging off` holds every incident instead (low priority outside business hours): ingest alone.
 *
 *   npx tsx tests/bench/ingest-throughput.ts [--requests N] [--clients C] [--rounds R] [--warmup W] [--paging on|off]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'yaml';
import { freePort, startRelayProcess, type RelayProcess } from '../support/relay-process.js';

const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: '4000' },
    clients: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '300' },
    paging: { type: 'string', default: 'on' },
    'serve-bare': { type: 'boolean', default: false },
    port: { type: 'string' },
    file: { type: 'string' },
  },
});

const KEY = 'benchbenchbenchbenchbenchbench01';

if (flags['serve-bare']) {
  await serveBare(Number(flags.port), flags.file!);
} else {
  await main();
}

/** The baseline: Fastify answering each trigger after one synchronous INSERT (its own fsync). */
async function serveBare(port: number, file: string): Promise<void> {
  const { default: Fastify } = await import('fastify');
  const { SQLITE_PRAGMAS } = await import('../../server/adapters/store/sqlite-database.js');
  const db = new BetterSqlite3(file);
  for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
  db.exec('create table if not exists alerts (id integer primary key, dedup_key text not null, summary text not null, body text not null)');
  const insert = db.prepare('insert into alerts (dedup_key, summary, body) values (?, ?, ?)');
  const app = Fastify({ logger: false });
  app.post('/v2/enqueue', async (req, reply) => {
    const body = req.body as { dedup_key?: string; payload?: { summary?: string } };
    if (typeof body?.dedup_key !== 'string') return reply.code(400).send({ status: 'invalid event' });
    insert.run(body.dedup_key, body.payload?.summary ?? '', JSON.stringify(body));
    return reply.code(202).send({ status: 'success', message: 'Event processed', dedup_key: body.dedup_key });
  });
  await app.listen({ port, host: '127.0.0.1' });
  process.stdout.write('bare listening\n');
}

interface RunFigures {
  perSecond: number;
  p50: number;
  p99: number;
  failed: number;
  /** CPU time of the server process per accepted alert, until its due work was done (ms). */
  cpuMs: number;
}

/** User + system CPU time of a process so far, in ms (Linux /proc; NaN elsewhere). */
function cpuTimeMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/** The pid of the relay process listening on `port` (it was started with KLAXON_PORT=port). */
function relayPid(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(`KLAXON_PORT=${port}`) && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('main.ts')) return Number(entry);
    } catch {
      // A process that ended meanwhile, or one of another user.
    }
  }
  return undefined;
}

/** The value below which `p` of the sorted samples fall (nearest rank). */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Sends `count` triggers over `clients` keep-alive connections; every answer but 202 counts as failed. */
async function drive(port: number, prefix: string, count: number, clients: number): Promise<RunFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  const one = (i: number) =>
    new Promise<number>((resolve, reject) => {
      const body = JSON.stringify({
        routing_key: KEY,
        event_action: 'trigger',
        dedup_key: `${prefix}-${i}`,
        payload: { summary: `Disk full on srv${i}`, source: `srv${i}`, severity: 'critical' },
      });
      const req = request(
        { host: '127.0.0.1', port, path: '/v2/enqueue', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const status = await one(i);
        latencies.push(performance.now() - t0);
        if (status !== 202) failed++;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return { perSecond: (count - failed) / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), failed, cpuMs: NaN };
}

/** Waits until the relay has no due work left (the page sends of the previous round). */
async function quiesce(dbPath: string): Promise<void> {
  const db = new BetterSqlite3(dbPath, { readonly: true });
  try {
    const due = db.prepare('select count(*) as n from jobs where due_at <= ?');
    const deadline = Date.now() + 120_000;
    while (Date.now() < deadline && (due.get(Date.now()) as { n: number }).n > 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    db.close();
  }
}

function startBare(port: number, file: string): Promise<ChildProcess> {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', self, '--serve-bare', '--port', String(port), '--file', file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('bare listening')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
  });
}

/**
 * One responder on level 1 of one policy. With paging off, alerts are low priority and the team's
 * business hours are 00:00–00:01 UTC, so each incident is held (one release row for later): the run
 * then measures ingest alone, without the page sends that follow a high alert's commit.
 */
function writeConfig(dir: string, paging: boolean): string {
  const file = path.join(dir, 'bench.yaml');
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  writeFileSync(
    file,
    stringify({
      version: 1,
      users: [{ id: 'oncall', name: 'On Call', email: 'oncall@bench.example', role: 'responder', password: 'bench-password-1', notify: [{ channel: 'push', after: '0s' }] }],
      teams: [{ id: 'bench', name: 'Bench', timeZone: 'UTC', businessHours: { days, start: '00:00', end: paging ? '23:59' : '00:01' }, members: ['oncall'] }],
      policies: [{ id: 'bench', name: 'Bench', team: 'bench', stopOn: 'read', repeat: 0, repeatPageEvery: '1h', levels: [{ delay: '1h', targets: [{ user: 'oncall' }] }] }],
      services: [{ id: 'bench', name: 'Bench', team: 'bench', policy: 'bench', integrations: [{ type: 'events-v2', key: KEY }], priorityRules: [{ priority: paging ? 'high' : 'low' }] }],
    }),
  );
  return file;
}

async function main(): Promise<void> {
  const requests = Number(flags.requests);
  const clients = Number(flags.clients);
  const rounds = Number(flags.rounds);
  const warmup = Number(flags.warmup);
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-ingest-bench-'));
  const countsFile = path.join(dir, 'sql-counts.json');
  const barePort = await freePort();
  let bare: ChildProcess | undefined;
  let relay: RelayProcess | undefined;
  try {
    bare = await startBare(barePort, path.join(dir, 'bare.db'));
    relay = await startRelayProcess({
      env: {
        KLAXON_CONFIG: writeConfig(dir, flags.paging !== 'off'),
        KLAXON_INGEST_RATE: '1000000',
        KLAXON_INGEST_BURST: '1000000',
        KLAXON_LOG_LEVEL: 'warn',
        KLAXON_SQL_COUNTS_FILE: countsFile,
      },
    });
    console.info(
      `${rounds} rounds of ${requests} requests, ${clients} keep-alive clients, ${warmup} warm-up requests each; ` +
        (flags.paging === 'off' ? 'paging off (incidents held: ingest alone)' : 'every alert pages one responder'),
    );
    await drive(barePort, 'warm', warmup, clients);
    await drive(relay.port, 'warm', warmup, clients);
    await quiesce(relay.dbPath);
    const results: { bare: RunFigures[]; klaxon: RunFigures[] } = { bare: [], klaxon: [] };
    const pid = relayPid(relay.port);
    for (let round = 1; round <= rounds; round++) {
      const bareCpu = cpuTimeMs(bare.pid);
      const a = await drive(barePort, `r${round}`, requests, clients);
      a.cpuMs = (cpuTimeMs(bare.pid) - bareCpu) / (requests - a.failed);
      await quiesce(relay.dbPath);
      const relayCpu = cpuTimeMs(pid);
      const b = await drive(relay.port, `r${round}`, requests, clients);
      const answeredCpu = cpuTimeMs(pid);
      await quiesce(relay.dbPath);
      b.cpuMs = (cpuTimeMs(pid) - relayCpu) / (requests - b.failed);
      console.info(`  klaxon CPU per alert: ${((answeredCpu - relayCpu) / (requests - b.failed)).toFixed(2)} ms until the last answer, ${b.cpuMs.toFixed(2)} ms with the due work after it`);
      results.bare.push(a);
      results.klaxon.push(b);
      console.info(
        `round ${round}: bare ${a.perSecond.toFixed(0)}/s p99 ${a.p99.toFixed(1)} ms · klaxon ${b.perSecond.toFixed(0)}/s p99 ${b.p99.toFixed(1)} ms` +
          (a.failed + b.failed ? ` (failed: bare ${a.failed}, klaxon ${b.failed})` : ''),
      );
    }
    const row = (name: string, pick: (f: RunFigures) => number, digits: number) => {
      const base = median(results.bare.map(pick));
      const mine = median(results.klaxon.map(pick));
      return `| ${name} | ${base.toFixed(digits)} | ${mine.toFixed(digits)} | ${(mine / base).toFixed(2)}× |`;
    };
    console.info('\n| measure | baseline | klaxon | ratio |\n|---|---|---|---|');
    console.info(row('durable ingest, alerts/s', (f) => f.perSecond, 0));
    console.info(row('latency p50, ms', (f) => f.p50, 1));
    console.info(row('latency p99, ms', (f) => f.p99, 1));
    console.info(row('server CPU per alert, ms', (f) => f.cpuMs, 2));
    await relay.stop('SIGTERM');
    if (existsSync(countsFile)) {
      const counts = JSON.parse(readFileSync(countsFile, 'utf8')) as { statements: number; commits: number; prepares: number };
      const accepted = warmup + rounds * requests - results.klaxon.reduce((n, f) => n + f.failed, 0);
      // Everything the relay ran from start to stop (start-up, page sends after the commits included).
      console.info(
        `\nrelay, whole run per accepted alert: ${(counts.statements / accepted).toFixed(1)} SQL statements, ` +
          `${(counts.commits / accepted).toFixed(2)} commits, ${(counts.prepares / accepted).toFixed(2)} statement prepares`,
      );
    }
  } finally {
    bare?.kill('SIGKILL');
    await relay?.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}
