import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { BoardSnapshot } from '../../shared/socket-events.js';
import type { CommandResult } from '../../shared/schemas/command.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
const sockets: Socket[] = [];

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
});

async function consoleAs(username: string, password: string): Promise<Socket> {
  const response = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const { token } = (await response.json()) as { token: string };
  const socket = connect(`${relay.url}/console`, { auth: { token }, transports: ['websocket'], reconnection: false });
  sockets.push(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

const trigger = (dedupKey: string, severity = 'critical') =>
  fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Alert ${dedupKey}`, source: 'test', severity },
    }),
  });

describe('the /console feed', () => {
  it('gives a snapshot on subscribe and every later change live, with no gap and no duplicate', async () => {
    await trigger('before-1');
    const socket = await consoleAs('ann', 'change-me-ann');
    const live: Incident[] = [];
    socket.on('incident:created', (i: Incident) => live.push(i));
    socket.on('incident:updated', (i: Incident) => live.push(i));

    // Alerts keep arriving while the console subscribes.
    const during = Promise.all([trigger('during-1'), trigger('during-2'), trigger('before-1')]);
    const snapshot = await new Promise<CommandResult<BoardSnapshot>>((resolve) => socket.emit('board:subscribe', resolve));
    await during;
    await trigger('after-1');
    await new Promise((resolve) => setTimeout(resolve, 300));

    expect(snapshot.ok).toBe(true);
    if (!snapshot.ok) return;
    // Merge as a console does: keep each incident's highest seq.
    const board = new Map<string, Incident>(snapshot.value.incidents.map((i) => [i.id, i]));
    for (const incident of live) {
      const known = board.get(incident.id);
      if (!known || incident.seq > known.seq) board.set(incident.id, incident);
    }
    const byKey = new Map([...board.values()].map((i) => [i.dedupKey, i]));
    for (const key of ['before-1', 'during-1', 'during-2', 'after-1']) expect(byKey.has(key)).toBe(true);
    expect(byKey.get('before-1')!.alertCount).toBe(2);
    expect(new Set([...board.values()].map((i) => i.dedupKey)).size).toBe(board.size);
  });

  it('runs console commands through the relay’s roles and answers refusals', async () => {
    await trigger('cmd-1');
    const analyst = await consoleAs('bob', 'change-me-bob');
    const responder = await consoleAs('dan', 'change-me-dan');
    const snapshot = await new Promise<CommandResult<BoardSnapshot>>((resolve) => analyst.emit('board:subscribe', resolve));
    const incident = snapshot.ok ? snapshot.value.incidents.find((i) => i.dedupKey === 'cmd-1') : undefined;
    expect(incident).toBeDefined();

    const refused = await new Promise<CommandResult>((resolve) =>
      responder.emit('incident:assign', { incidentIds: [incident!.id], role: 'forensic', userId: 'cara' }, resolve),
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const invalid = await new Promise<CommandResult>((resolve) => analyst.emit('incident:dismiss', { incidentIds: [incident!.id], reason: '' }, resolve));
    expect(invalid).toMatchObject({ ok: false, error: { code: 'invalid', field: 'reason' } });

    const updated = new Promise<Incident>((resolve) => analyst.on('incident:updated', (i: Incident) => i.id === incident!.id && i.status === 'resolved' && resolve(i)));
    const dismissed = await new Promise<CommandResult>((resolve) =>
      analyst.emit('incident:dismiss', { incidentIds: [incident!.id], reason: 'Known maintenance window' }, resolve),
    );
    expect(dismissed).toEqual({ ok: true });
    expect(await updated).toMatchObject({ triageVerdict: 'false_positive', status: 'resolved' });
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).toMatch(/klaxon_false_positives_total 1/);
  });
});
