/**
 * Phone fleet simulator: how fast do pages reach many phones? Starts a relay in this process (a temp
 * SQLite file, or `--db postgres://…`) with `--phones N` (100) responders who all sit on level 1 of one
 * policy, pairs N simulated phones (socket.io-client on `/device` with device tokens, as the phone
 * app connects), then sends `--alerts K` (5) high alerts `--gap MS` (200) apart. Each alert pages every
 * phone. A phone acknowledges delivery at once and reads the page after `--read-after MS` (1000), or
 * never with `--read-after never`. Prints delivery latency (alert accepted → page on the phone) and
 * read latency (read sent → relay's answer) as count, p50, p90, p99 and max in ms, and pages missed.
 *
 *   npx tsx tests/bench/phone-fleet.ts [--phones N] [--alerts K] [--gap MS] [--read-after MS|never] [--db URL]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { stringify } from 'yaml';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { PagePush } from '../../shared/schemas/page.js';
import { createLogger } from '../../server/adapters/log/create-logger.js';
import { hashPassword } from '../../server/app/accounts/password.js';
import { startRelay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';

const { values: flags } = parseArgs({
  options: {
    phones: { type: 'string', default: '100' },
    alerts: { type: 'string', default: '5' },
    gap: { type: 'string', default: '200' },
    'read-after': { type: 'string', default: '1000' },
    db: { type: 'string' },
  },
});
const PHONES = Number(flags.phones);
const ALERTS = Number(flags.alerts);
const GAP_MS = Number(flags.gap);
const READ_AFTER = flags['read-after'] === 'never' ? null : Number(flags['read-after']);
const KEY = 'fleetfleetfleetfleetfleetfleet01';
const PASSWORD = 'fleet-password-1';

/** The value below which `p` of the sorted samples fall (nearest rank). */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function report(name: string, samples: number[]): string {
  const s = [...samples].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1);
  return `${name.padEnd(10)} n=${s.length}  p50=${f(percentile(s, 50))}  p90=${f(percentile(s, 90))}  p99=${f(percentile(s, 99))}  max=${f(s.at(-1) ?? NaN)} ms`;
}

async function post<T>(url: string, body: unknown, token?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-fleet-'));
  const ids = Array.from({ length: PHONES }, (_, i) => `phone-${String(i + 1).padStart(4, '0')}`);
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
  const db = flags.db ?? path.join(dir, 'klaxon.db');
  const relay = await startRelay(parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', db, '--config', configFile], env: {} }), {
    log: createLogger({ level: 'warn', pretty: false }),
  });

  const sentAt = new Map<string, number>();
  const delivery: number[] = [];
  const reads: number[] = [];
  const received = new Map<string, Set<string>>();
  const sockets: Socket[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  try {
    // Pair the fleet: sign in, register a device, connect with the device token.
    for (const id of ids) {
      const { token } = await post<{ token: string }>(`${relay.url}/api/v1/auth/login`, { username: id, password: PASSWORD });
      const device = await post<{ token: string }>(`${relay.url}/api/v1/devices`, { name: `sim ${id}` }, token);
      const socket = io(`${relay.url}/device`, { auth: { token: device.token }, transports: ['websocket'], reconnection: true });
      sockets.push(socket);
      received.set(id, new Set());
      socket.on('page', (page: PagePush, delivered: () => void) => {
        const at = performance.now();
        delivered();
        const mine = received.get(id)!;
        if (mine.has(page.id)) return;
        mine.add(page.id);
        const start = sentAt.get(page.summary);
        if (start !== undefined) delivery.push(at - start);
        if (READ_AFTER === null) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          const t0 = performance.now();
          socket.emit('page:read', { id: page.id }, (result: CommandResult) => {
            if (result.ok) reads.push(performance.now() - t0);
          });
        }, READ_AFTER);
        timers.add(timer);
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', () => resolve());
        socket.once('connect_error', reject);
      });
    }
    console.info(`${PHONES} phones paired and connected; sending ${ALERTS} alerts ${GAP_MS} ms apart`);

    for (let i = 0; i < ALERTS; i++) {
      const summary = `fleet alert ${i + 1}`;
      sentAt.set(summary, performance.now());
      await post(`${relay.url}/v2/enqueue`, { routing_key: KEY, event_action: 'trigger', dedup_key: `fleet-${i}`, payload: { summary, source: 'fleet', severity: 'critical' } });
      if (i < ALERTS - 1) await new Promise((resolve) => setTimeout(resolve, GAP_MS));
    }
    // Wait (bounded) for every phone to have every page, and every planned read to be answered.
    const expected = PHONES * ALERTS;
    const deadline = Date.now() + 60_000 + (READ_AFTER ?? 0);
    while (Date.now() < deadline && (delivery.length < expected || (READ_AFTER !== null && reads.length < expected))) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    console.info(report('delivery', delivery));
    if (READ_AFTER !== null) console.info(report('read ack', reads));
    console.info(`pages expected ${expected}, delivered ${delivery.length}, missed ${expected - delivery.length}; reads answered ${reads.length}`);
  } finally {
    timers.forEach(clearTimeout);
    sockets.forEach((s) => s.close());
    await relay.close();
    if (!flags.db) rmSync(dir, { recursive: true, force: true });
  }
}

await main();
