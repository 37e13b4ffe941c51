/**
 * Phone fleet: one incident paging N people, against bare Socket.IO in the same run. For each size of
 * `--phones` (a comma list, 100 by default; the issue's sizes are `--phones 100,500`) it starts a
 * relay in this process (a temp SQLite file, or `--db postgres://…` — a throw-away database is then
 * made on that server) whose one policy pages all N people on level 1, pairs N simulated phones
 * (device tokens, as the phone app connects; the phones run on a worker thread, like real devices
 * outside the server's heap), and beside it a bare Socket.IO server with N plain clients. Then, for
 * `--rounds` (3) interleaved rounds, the bare server emits a page to each of its sockets (one emit per
 * socket) and Klaxon takes one high alert; each round waits until every phone has its page.
 *
 * Prints `measure | baseline | klaxon | ratio`: per size, p50 and p99 of "emit → page on the
 * client" (bare) against "202 of the ingest → page on the phone" (Klaxon; a page that beats the 202
 * to the phone counts 0) and against "request sent → page on the phone" (the ingest included), the
 * median of the rounds; and the heap per connected phone (main thread, after full collections). Phones acknowledge delivery at once; with `--read-after MS` they also
 * read each page MS later and the read answers' latency is printed below the table.
 *
 *   npx tsx tests/bench/phone-fleet.ts [--phones 100,500] [--rounds 3] [--gap MS] [--read-after MS] [--db URL]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { createLogger } from '../../server/adapters/log/create-logger.js';
import { hashPassword } from '../../server/app/accounts/password.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { createTestDatabase } from '../support/postgres.js';
import { type Fleet, median, percentile, settledHeap, startBareServer, startFleet, wallNow } from './support/fleet.js';

const { values: flags } = parseArgs({
  options: {
    phones: { type: 'string', default: '100' },
    rounds: { type: 'string', default: '3' },
    gap: { type: 'string', default: '300' },
    'read-after': { type: 'string' },
    db: { type: 'string' },
  },
});
const SIZES = flags.phones.split(',').map(Number);
const ROUNDS = Number(flags.rounds);
const GAP_MS = Number(flags.gap);
const READ_AFTER = flags['read-after'] === undefined ? null : Number(flags['read-after']);
const KEY = 'fleetfleetfleetfleetfleetfleet01';
const PASSWORD = 'fleet-password-1';
const WAIT_MS = 60_000;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Starts a relay whose one policy pages all `ids` on level 1. */
async function fleetRelay(dir: string, ids: string[]): Promise<{ relay: Relay; drop?: () => Promise<void> }> {
  const passwordHash = await hashPassword(PASSWORD);
  const config = {
    version: 1,
    users: ids.map((id) => ({ id, name: id, email: `${id}@fleet.example`, role: 'responder', passwordHash, notify: [{ channel: 'push', after: 0 }] })),
    teams: [{ id: 'fleet', name: 'Fleet', timeZone: 'UTC', businessHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], start: '00:00', end: '23:59' }, members: ids }],
    policies: [{ id: 'fleet', name: 'Fleet', team: 'fleet', stopOn: 'resolved', repeat: 0, repeatPageEvery: '10m', levels: [{ delay: '1h', targets: ids.map((user) => ({ user })) }] }],
    services: [{ id: 'fleet', name: 'Fleet', team: 'fleet', policy: 'fleet', integrations: [{ type: 'events-v2', key: KEY }], priorityRules: [{ priority: 'high' }] }],
  };
  const configFile = path.join(dir, 'fleet.yaml');
  writeFileSync(configFile, stringify(config));
  const pg = flags.db ? await createTestDatabase(flags.db) : undefined;
  const db = pg?.url ?? path.join(dir, 'klaxon.db');
  const relay = await startRelay(parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', db, '--config', configFile], env: {} }), {
    // The start-up check of unreachable people warns about every phone not yet paired.
    log: createLogger({ level: 'error', pretty: false }),
  });
  return { relay, drop: pg?.drop };
}

/** p50 and p99 of each round's samples, as [median p50, median p99] over the rounds. */
function summary(rounds: number[][]): [number, number] {
  return [median(rounds.map((r) => percentile(r, 50))), median(rounds.map((r) => percentile(r, 99)))];
}

async function measure(phones: number): Promise<string[][]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-fleet-'));
  const ids = Array.from({ length: phones }, (_, i) => `phone-${String(i + 1).padStart(4, '0')}`);
  const { relay, drop } = await fleetRelay(dir, ids);
  const bare = await startBareServer();
  const fleets: Fleet[] = [];
  try {
    const tokens: string[] = [];
    for (const id of ids) {
      const { token } = await post<{ token: string }>(`${relay.url}/api/v1/auth/login`, { username: id, password: PASSWORD });
      tokens.push((await post<{ token: string }>(`${relay.url}/api/v1/devices`, { name: `sim ${id}` }, token)).token);
    }
    // Heap per connected phone: the main thread's heap before and after the sockets connect.
    let before = settledHeap();
    const bareFleet = await startFleet(bare.url, ids.map(() => null), null);
    fleets.push(bareFleet);
    const bareHeap = (settledHeap() - before) / phones;
    before = settledHeap();
    const phoneFleet = await startFleet(`${relay.url}/device`, tokens, READ_AFTER);
    fleets.push(phoneFleet);
    const klaxonHeap = (settledHeap() - before) / phones;

    const bareRounds: number[][] = [];
    const klaxonRounds: number[][] = [];
    const requestRounds: number[][] = [];
    let missed = 0;
    for (let round = 1; round <= ROUNDS; round++) {
      const bareKey = `bare round ${round}`;
      const t0 = wallNow();
      bare.emitToAll(bareKey);
      await bareFleet.waitFor(bareKey, phones, WAIT_MS);
      bareRounds.push(bareFleet.arrivals(bareKey).map((at) => at - t0));
      await pause(GAP_MS);

      const summaryText = `fleet alert ${phones}-${round}`;
      const sent = wallNow();
      await post(`${relay.url}/v2/enqueue`, { routing_key: KEY, event_action: 'trigger', dedup_key: `fleet-${round}`, payload: { summary: summaryText, source: 'fleet', severity: 'critical' } });
      const accepted = wallNow();
      await phoneFleet.waitFor(summaryText, phones, WAIT_MS);
      const arrivals = phoneFleet.arrivals(summaryText);
      missed += phones - arrivals.length;
      klaxonRounds.push(arrivals.map((at) => Math.max(0, at - accepted)));
      requestRounds.push(arrivals.map((at) => at - sent));
      await pause(GAP_MS);
    }
    if (READ_AFTER !== null) await pause(READ_AFTER + 2_000);

    const [b50, b99] = summary(bareRounds);
    const [k50, k99] = summary(klaxonRounds);
    const [r50, r99] = summary(requestRounds);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    const ratio = (a: number, b: number) => `${(b / a).toFixed(2)}×`;
    console.info(`${phones} phones: ${ROUNDS} rounds; pages missed ${missed}`);
    if (READ_AFTER !== null) {
      console.info(`${phones} phones: read answered n=${phoneFleet.reads.length} p50 ${ms(percentile(phoneFleet.reads, 50))} p99 ${ms(percentile(phoneFleet.reads, 99))}`);
    }
    return [
      [`${phones} phones: 202 → page on every phone, p50`, ms(b50), ms(k50), ratio(b50, k50)],
      [`${phones} phones: 202 → page on every phone, p99`, ms(b99), ms(k99), ratio(b99, k99)],
      // The page may reach the phones before the 202 reaches the sender: this row counts the ingest too.
      [`${phones} phones: request → page on every phone, p50`, ms(b50), ms(r50), ratio(b50, r50)],
      [`${phones} phones: request → page on every phone, p99`, ms(b99), ms(r99), ratio(b99, r99)],
      [`${phones} phones: heap per connected phone`, kb(bareHeap), kb(klaxonHeap), ratio(bareHeap, klaxonHeap)],
    ];
  } finally {
    for (const fleet of fleets) await fleet.close();
    await bare.close();
    await relay.close();
    await drop?.();
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[][] = [['measure', 'baseline (bare socket.io emit)', 'klaxon', 'ratio']];
for (const size of SIZES) rows.push(...(await measure(size)));
const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
for (const row of rows) console.info(row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | '));
