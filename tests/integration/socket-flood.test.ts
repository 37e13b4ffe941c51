import { execFile } from 'node:child_process';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { CommandRefusal } from '../../shared/socket-events.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/** Open incidents before the flood: enough that a snapshot read incident by incident is expensive. */
const OPEN_INCIDENTS = 300;
const FLOOD_EVENTS = 2_000;

let relay: RelayProcess;
const sockets: Socket[] = [];

async function login(username: string, password: string): Promise<string> {
  const response = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return ((await response.json()) as { token: string }).token;
}

async function consoleAs(username: string, password: string): Promise<Socket> {
  const socket = connect(`${relay.url}/console`, { auth: { token: await login(username, password) }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const trigger = (dedupKey: string) =>
  fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Alert ${dedupKey}`, source: 'flood-test', severity: 'critical' },
    }),
  });

/**
 * Times `count` sequential `GET /health` calls from a separate process, so that the figure is the
 * relay's answer time and not this test process's own work with the flood's answers.
 */
function timeHealthElsewhere(count: number): Promise<{ ms: number; status: number }[]> {
  // One untimed request first: the child's first fetch pays for loading its HTTP client.
  const script = `await fetch(process.argv[1] + '/health').catch(() => undefined);
const out = [];
for (let i = 0; i < ${count}; i++) {
  const t = performance.now();
  const r = await fetch(process.argv[1] + '/health', { signal: AbortSignal.timeout(10000) }).catch(() => undefined);
  out.push({ ms: performance.now() - t, status: r ? r.status : 0 });
  await new Promise((res) => setTimeout(res, 20));
}
console.log(JSON.stringify(out));`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script, relay.url], { timeout: 60_000 }, (error, stdout) =>
      error ? reject(error) : resolve(JSON.parse(stdout) as { ms: number; status: number }[]),
    );
  });
}

/** Times one `GET /health`; a stalled relay shows up as a long time (or the 10 s abort). */
async function timeHealth(): Promise<{ ms: number; status: number }> {
  const started = performance.now();
  const response = await fetch(`${relay.url}/health`, { signal: AbortSignal.timeout(10_000) }).catch(() => undefined);
  return { ms: performance.now() - started, status: response?.status ?? 0 };
}

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  for (let i = 0; i < OPEN_INCIDENTS; i += 25) {
    await Promise.all(Array.from({ length: 25 }, (_, j) => trigger(`open-${i + j}`)));
  }
  // Let the paging those alerts started settle, so that the flood is measured on a quiet relay.
  for (let quiet = 0; quiet < 5; ) quiet = (await timeHealth()).ms < 50 ? quiet + 1 : 0;
}, 120_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
});

describe('a socket flood', () => {
  it('leaves /health quick and live events flowing to other consoles, and refuses the excess with rate-limited', async () => {
    const attacker = await consoleAs('ann', 'change-me-ann');
    const watcher = await consoleAs('bob', 'change-me-bob');
    await new Promise((resolve) => watcher.emit('board:subscribe', resolve));
    const created: Incident[] = [];
    watcher.on('incident:created', (incident: Incident) => created.push(incident));
    const refusals: CommandRefusal[] = [];
    attacker.on('command:refused', (refusal: CommandRefusal) => refusals.push(refusal));

    const baseline = (await timeHealthElsewhere(5)).map((h) => h.ms);

    const answers: CommandResult<unknown>[] = [];
    for (let i = 0; i < FLOOD_EVENTS; i++) {
      const record = (result: CommandResult<unknown>) => answers.push(result);
      if (i % 4 === 0) attacker.emit('board:subscribe', record);
      else if (i % 4 === 1) attacker.emit('incident:acknowledge', { incidentIds: ['no-such-incident'] }, record);
      else if (i % 4 === 2) attacker.emit('incident:set-priority', { incidentIds: ['no-such-incident'], priority: 'low' });
      else attacker.emit('board:subscribe');
    }

    // While the relay works through the flood: the health check and a new alert for the watcher.
    const timed = await timeHealthElsewhere(5);
    expect(timed.map((h) => h.status)).toEqual([200, 200, 200, 200, 200]);
    const health = timed.map((h) => h.ms);
    const alertAt = performance.now();
    expect((await trigger('during-the-flood')).status).toBe(202);
    const deadline = Date.now() + 10_000;
    while (!created.some((i) => i.dedupKey === 'during-the-flood') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const liveMs = performance.now() - alertAt;
    console.log(
      `quiet /health ${baseline.map((ms) => ms.toFixed(1)).join(', ')} ms; ` +
        `flood of ${FLOOD_EVENTS} events over ${OPEN_INCIDENTS} open incidents: /health ${health.map((ms) => ms.toFixed(1)).join(', ')} ms; ` +
        `incident:created reached another console after ${liveMs.toFixed(1)} ms`,
    );
    expect(created.map((i) => i.dedupKey)).toContain('during-the-flood');
    expect(Math.max(...health)).toBeLessThan(1_000);

    // Every event with a callback was answered (allowed or refused), the excess as rate-limited.
    const answeredBy = Date.now() + 10_000;
    while (answers.length < FLOOD_EVENTS / 2 && Date.now() < answeredBy) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answers).toHaveLength(FLOOD_EVENTS / 2);
    const limited = answers.filter((a) => !a.ok && a.error.code === 'rate-limited');
    expect(limited.length).toBeGreaterThan(FLOOD_EVENTS / 4);
    // The events without callbacks were dropped with one refusal per run, not one per event (the few
    // let through are refused by the incident actions: there is no such incident).
    const limitedRefusals = refusals.filter((r) => r.error.code === 'rate-limited');
    expect(limitedRefusals.length).toBeGreaterThanOrEqual(1);
    expect(limitedRefusals.length).toBeLessThan(10);
    expect(attacker.connected).toBe(true);
  }, 60_000);
});
