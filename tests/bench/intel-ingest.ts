/**
 * Ingest with a large threat-intelligence database: do 100,000 live indicators slow ingest down?
 * Starts two relays on their own SQLite files with the same config (incidents held: ingest alone),
 * one with no indicators and one with `--indicators` (100,000) of every type written into its
 * store before it starts (so its index holds them all), then drives them in turn (A B A B …,
 * `--rounds` rounds, medians) with `--clients` keep-alive clients sending `--requests` triggers each,
 * every alert carrying an IPv4 address, a domain, a URL, an e-mail address and a hash in its summary
 * and payload that match no indicator (the lookups all run; a match's own writes are not measured).
 * Prints `measure | 0 indicators | N indicators | ratio` (the target: within 10 %) and the load average.
 *
 *   npx tsx tests/bench/intel-ingest.ts [--requests N] [--clients C] [--rounds R] [--indicators I]
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import BetterSqlite3 from 'better-sqlite3';
import { stringify } from 'yaml';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';

const long = process.env.KLAXON_BENCH_SIZE === 'long';
const { values: flags } = parseArgs({
  options: {
    requests: { type: 'string', default: long ? '4000' : '1500' },
    clients: { type: 'string', default: '16' },
    rounds: { type: 'string', default: long ? '5' : '3' },
    warmup: { type: 'string', default: '300' },
    indicators: { type: 'string', default: '100000' },
  },
});

const KEY = 'benchbenchbenchbenchbenchbench02';

/** The bench config: one team whose business hours are over, so every low incident is held (no paging). */
function writeConfig(dir: string): string {
  const file = path.join(dir, 'bench.yaml');
  const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
  writeFileSync(
    file,
    stringify({
      version: 1,
      users: [{ id: 'oncall', name: 'On Call', email: 'oncall@bench.example', role: 'responder', password: 'bench-password-1', notify: [{ channel: 'push', after: '0s' }] }],
      teams: [{ id: 'bench', name: 'Bench', timeZone: 'UTC', businessHours: { days, start: '00:00', end: '00:01' }, members: ['oncall'] }],
      policies: [{ id: 'bench', name: 'Bench', team: 'bench', stopOn: 'read', repeat: 0, repeatPageEvery: '1h', levels: [{ delay: '1h', targets: [{ user: 'oncall' }] }] }],
      services: [{ id: 'bench', name: 'Bench', team: 'bench', policy: 'bench', integrations: [{ type: 'events-v2', key: KEY }], priorityRules: [{ priority: 'low' }] }],
      intel: { rules: [{ minConfidence: 90, priority: 'high' }] },
    }),
  );
  return file;
}

/** Writes `count` indicators of every type straight into a migrated store (the relay reads them at start). */
function seedIndicators(dbPath: string, count: number): void {
  const db = new BetterSqlite3(dbPath);
  const insert = db.prepare(
    `insert into indicators (id, type, value, tags, confidence, source, first_seen_at, last_seen_at, expires_at, notes, visibility, created_by, created_at, updated_at)
     values (?, ?, ?, '["bench"]', 50, 'bench', ?, ?, null, '', 'team', 'bench', ?, ?)`,
  );
  const at = new Date().toISOString();
  const hex = (i: number, length: number) => i.toString(16).padStart(length, '0');
  const valueOf = (i: number): [string, string] => {
    switch (i % 8) {
      case 0: return ['ip', `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`];
      case 1: return ['cidr', `172.${16 + ((i >> 16) & 15)}.${(i >> 8) & 255}.0/24`];
      case 2: return ['domain', `host${i}.bad.example`];
      case 3: return ['url', `http://site${i}.bad.example/path`];
      case 4: return ['email', `user${i}@bad.example`];
      case 5: return ['hash', hex(i, 64)];
      case 6: return ['cve', `CVE-2020-${10000 + i}`];
      default: return ['text', `phrase number ${i} of the bench`];
    }
  };
  db.transaction(() => {
    const seen = new Set<string>();
    for (let i = 0; i < count; i++) {
      const [type, value] = valueOf(i);
      if (seen.has(`${type} ${value}`)) continue;
      seen.add(`${type} ${value}`);
      insert.run(randomUUID(), type, value, at, at, at, at);
    }
  })();
  db.close();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

/** Sends `count` triggers over `clients` keep-alive connections; answers alerts/s, p50, p99 and failures. */
async function drive(port: number, prefix: string, count: number, clients: number) {
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
        payload: {
          summary: `Outbound to 192.0.2.${i % 250} (www${i}.clean.example) from srv${i}`,
          source: `srv${i}.corp.example`,
          severity: 'warning',
          custom_details: { url: `https://cdn.clean.example/a/${i}`, mail: `ops${i}@clean.example`, sha256: (i + 1).toString(16).padStart(64, 'f'), note: 'nothing to see here' },
        },
      });
      const req = request({ host: '127.0.0.1', port, path: '/v2/enqueue', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end(body);
    });
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        if ((await one(i)) !== 202) failed++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]!;
  return { perSecond: (count - failed) / seconds, p50: at(50), p99: at(99), failed };
}

async function main(): Promise<void> {
  const [requests, clients, rounds, warmup, indicators] = [flags.requests, flags.clients, flags.rounds, flags.warmup, flags.indicators].map(Number) as [number, number, number, number, number];
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-intel-bench-'));
  const env = { KLAXON_CONFIG: writeConfig(dir), KLAXON_INGEST_RATE: '1000000', KLAXON_INGEST_BURST: '1000000', KLAXON_LOG_LEVEL: 'warn' };
  let empty: RelayProcess | undefined;
  let full: RelayProcess | undefined;
  try {
    empty = await startRelayProcess({ env });
    // Migrate the second store, write the indicators into it, and start it again so its index holds them.
    const first = await startRelayProcess({ env });
    const dataDir = first.dataDir;
    await first.stop('SIGTERM');
    const seeded = performance.now();
    seedIndicators(first.dbPath, indicators);
    full = await startRelayProcess({ env, dataDir, port: first.port });
    console.info(`${indicators} indicators written in ${((performance.now() - seeded) / 1000).toFixed(1)} s; ${rounds} rounds of ${requests} requests, ${clients} clients`);
    await drive(empty.port, 'warm', warmup, clients);
    await drive(full.port, 'warm', warmup, clients);
    const results = { empty: [] as Awaited<ReturnType<typeof drive>>[], full: [] as Awaited<ReturnType<typeof drive>>[] };
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so that neither always runs on the warmer machine.
      const order = round % 2 ? (['empty', 'full'] as const) : (['full', 'empty'] as const);
      for (const which of order) results[which].push(await drive((which === 'empty' ? empty : full).port, `r${round}`, requests, clients));
      const [a, b] = [results.empty.at(-1)!, results.full.at(-1)!];
      console.info(`round ${round}: 0 indicators ${a.perSecond.toFixed(0)}/s p99 ${a.p99.toFixed(1)} ms · ${indicators} indicators ${b.perSecond.toFixed(0)}/s p99 ${b.p99.toFixed(1)} ms${a.failed + b.failed ? ` (failed ${a.failed}/${b.failed})` : ''}`);
    }
    const row = (name: string, pick: (f: (typeof results.empty)[number]) => number, digits: number) => {
      const base = median(results.empty.map(pick));
      const mine = median(results.full.map(pick));
      return `| ${name} | ${base.toFixed(digits)} | ${mine.toFixed(digits)} | ${(mine / base).toFixed(2)}× |`;
    };
    console.info(`\n| measure | 0 indicators | ${indicators} indicators | ratio |\n|---|---|---|---|`);
    console.info(row('durable ingest, alerts/s', (f) => f.perSecond, 0));
    console.info(row('latency p50, ms', (f) => f.p50, 1));
    console.info(row('latency p99, ms', (f) => f.p99, 1));
    console.info(`\nload average (1, 5, 15 min): ${loadavg().map((l) => l.toFixed(2)).join(', ')}`);
  } finally {
    await empty?.dispose();
    const fullDir = full?.dataDir;
    await full?.dispose();
    for (const d of [dir, empty?.dataDir, fullDir]) if (d) rmSync(d, { recursive: true, force: true });
  }
}

await main();
