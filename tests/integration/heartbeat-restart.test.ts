import { afterAll, describe, expect, it } from 'vitest';
import type { HeartbeatView } from '../../shared/schemas/heartbeat.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { ACME_HEARTBEAT_ID, acmeHeartbeat, HEARTBEAT_KEYS } from '../support/heartbeat-config.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

/** The second Acme heartbeat: its deadline is far enough out to outlive a restart. */
const SLOW_KEY = 'hb-acme-slow';
const SLOW_ID = 'acme-rmm:heartbeat:1';
const SCENARIO_MS = 150_000;

const relays: RelayProcess[] = [];
afterAll(async () => {
  for (const relay of relays.reverse()) await relay.dispose();
});

async function api<T>(relay: RelayProcess, pathname: string): Promise<T> {
  const token = await login(relay.url, 'ann', 'change-me-ann');
  const response = await fetch(`${relay.url}${pathname}`, { headers: { authorization: `Bearer ${token}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const heartbeat = async (relay: RelayProcess, id: string) =>
  (await api<{ heartbeats: HeartbeatView[] }>(relay, '/api/v1/heartbeats')).heartbeats.find((h) => h.id === id)!;
const incidentOf = async (relay: RelayProcess, id: string) =>
  (await api<{ incidents: Incident[] }>(relay, '/api/v1/incidents')).incidents.find((i) => i.dedupKey === `heartbeat:${id}`);

/** Polls until `check` returns something; real time passes here (a real relay runs on the system clock). */
async function until<T>(what: string, check: () => Promise<T | undefined | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('heartbeats across a kill -9 of the relay', () => {
  it('neither loses a deadline nor opens a false incident for the time the relay was down', { timeout: SCENARIO_MS }, async () => {
    const config = writeTestConfig((doc) => {
      acmeHeartbeat(doc, '2s', '1s');
      doc.services!.find((s) => s.id === 'acme-rmm')!.integrations!.push({ type: 'heartbeat', key: SLOW_KEY, interval: '40s', grace: '0s' });
    });
    const first = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
    relays.push(first);
    expect((await fetch(`${first.url}/heartbeat/${HEARTBEAT_KEYS.acme}`)).status).toBe(200);
    expect((await fetch(`${first.url}/heartbeat/${SLOW_KEY}`, { method: 'POST' })).status).toBe(200);
    const fastBefore = await heartbeat(first, ACME_HEARTBEAT_ID);
    const slowBefore = await heartbeat(first, SLOW_ID);
    expect(fastBefore.state).toBe('ok');
    expect(slowBefore.state).toBe('ok');
    await first.kill9();

    // The fast heartbeat's deadline passes while no relay runs.
    const fastDeadline = Date.parse(fastBefore.deadlineAt!);
    await until('the fast deadline to pass', async () => Date.now() > fastDeadline + 1_000);
    const second = await startRelayProcess({ dataDir: first.dataDir, port: first.port, env: { KLAXON_CONFIG: config } });
    relays.push(second);
    const restartedAt = Date.now();

    // No incident for the downtime: relay-down, with a fresh deadline from the start.
    const fast = await heartbeat(second, ACME_HEARTBEAT_ID);
    expect(fast.state).toBe('relay-down');
    expect(Date.parse(fast.deadlineAt!)).toBeGreaterThan(fastDeadline);
    expect(await incidentOf(second, ACME_HEARTBEAT_ID)).toBeUndefined();
    // The slow heartbeat's deadline is still ahead and kept as it was.
    const slow = await heartbeat(second, SLOW_ID);
    expect(Date.parse(slowBefore.deadlineAt!)).toBeGreaterThan(restartedAt);
    expect(slow).toMatchObject({ state: 'ok', deadlineAt: slowBefore.deadlineAt, lastPingAt: slowBefore.lastPingAt });

    // Deadlines that pass while the relay is up fire: the fresh one, and the one kept across the kill.
    const fastIncident = await until('the fast heartbeat incident', () => incidentOf(second, ACME_HEARTBEAT_ID));
    expect(fastIncident.summary).toMatch(/^RMM agent for Acme Corp silent for \d+ s$/);
    expect((await heartbeat(second, ACME_HEARTBEAT_ID)).state).toBe('late');
    const slowIncident = await until('the slow heartbeat incident', () => incidentOf(second, SLOW_ID), 90_000);
    expect(slowIncident.summary).toMatch(/^RMM agent for Acme Corp silent for \d+ s$/);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(slowBefore.deadlineAt!));
  });
});
