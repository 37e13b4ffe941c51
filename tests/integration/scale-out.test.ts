import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { BoardSnapshot } from '../../shared/socket-events.js';
import { createTestDatabase } from '../support/postgres.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const PG = process.env.KLAXON_TEST_PG_URL;
const REDIS = process.env.KLAXON_TEST_REDIS_URL;
const suite = PG && REDIS ? describe : describe.skip;

suite(PG && REDIS ? 'two relays on one PostgreSQL and one Redis' : 'scale-out (set KLAXON_TEST_PG_URL and KLAXON_TEST_REDIS_URL to run)', () => {
  let database: { url: string; drop(): Promise<void> };
  let a: RelayProcess;
  let b: RelayProcess;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(PG!);
    const env = { KLAXON_DB: database.url, KLAXON_REDIS_URL: REDIS!, KLAXON_CONFIG: writeTestConfig() };
    a = await startRelayProcess({ env });
    b = await startRelayProcess({ env });
  });
  afterAll(async () => {
    sockets.forEach((s) => s.close());
    await a?.dispose();
    await b?.dispose();
    await database?.drop();
  });

  async function consoleOn(relay: RelayProcess): Promise<Socket> {
    const response = await fetch(`${relay.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
    });
    const { token } = (await response.json()) as { token: string };
    const socket = connect(`${relay.url}/console`, { auth: { token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    await new Promise<CommandResult<BoardSnapshot>>((resolve) => socket.emit('board:subscribe', resolve));
    return socket;
  }

  it('shows a console on relay B the incident an alert opened through relay A, once', async () => {
    const onB = await consoleOn(b);
    const created: Incident[] = [];
    onB.on('incident:created', (incident: Incident) => created.push(incident));
    const response = await fetch(`${a.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        routing_key: KEYS.eventsV2,
        event_action: 'trigger',
        dedup_key: 'scale-out-1',
        payload: { summary: 'Seen across relays', source: 'test', severity: 'critical' },
      }),
    });
    expect(response.status).toBe(202);
    const deadline = Date.now() + 10_000;
    while (!created.some((i) => i.dedupKey === 'scale-out-1') && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(created.filter((i) => i.dedupKey === 'scale-out-1')).toHaveLength(1);
  });

  it('folds the same alert sent to both relays at once into one incident', async () => {
    const send = (relay: RelayProcess) =>
      fetch(`${relay.url}/v2/enqueue`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          routing_key: KEYS.eventsV2Other,
          event_action: 'trigger',
          dedup_key: 'both-relays',
          payload: { summary: 'Sent twice', source: 'test', severity: 'critical' },
        }),
      });
    const answers = await Promise.all([send(a), send(b), send(a), send(b)]);
    expect(answers.map((r) => r.status)).toEqual([202, 202, 202, 202]);
    const login = await fetch(`${a.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
    });
    const { token } = (await login.json()) as { token: string };
    const list = await fetch(`${b.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
    const incidents = ((await list.json()) as { incidents: Incident[] }).incidents.filter((i) => i.dedupKey === 'both-relays');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.alertCount).toBe(4);
  });
});
