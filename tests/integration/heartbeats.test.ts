import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeartbeatView } from '../../shared/schemas/heartbeat.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { createSilentLogger } from '../../server/adapters/log/create-logger.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { createManualClock, type ManualClock } from '../support/manual-clock.js';
import { createTestDatabase } from '../support/postgres.js';
import { login } from '../support/phone.js';
import { freePort } from '../support/relay-process.js';
import { ACME_HEARTBEAT_ID, acmeHeartbeat, HEARTBEAT_KEYS } from '../support/heartbeat-config.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const MIN = 60_000;

/** A relay in this process on a manual clock and a SQLite file that outlives it (to restart on it). */
interface World {
  relay: Relay;
  clock: ManualClock;
  smtpPort: number;
  token(username: string): Promise<string>;
  heartbeats(username?: string): Promise<HeartbeatView[]>;
  acme(): Promise<HeartbeatView>;
  incidents(): Promise<Incident[]>;
  until<T>(what: string, check: () => Promise<T | undefined | false>): Promise<T>;
}

const PG = process.env.KLAXON_TEST_PG_URL;
const dirs: string[] = [];
const relays: Relay[] = [];
const drops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const relay of relays.splice(0)) await relay.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  for (const drop of drops.splice(0)) await drop();
});

async function startWorld(db: string, config: string, clock: ManualClock, flags: string[] = []): Promise<World> {
  const smtpPort = await freePort();
  const relay = await startRelay(
    parseSettings({ argv: ['--port', '0', '--smtp-port', String(smtpPort), '--db', db, '--config', config, ...flags], env: {} }),
    { clock, log: createSilentLogger() },
  );
  relays.push(relay);
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await login(relay.url, username, `change-me-${username}`));
    return tokens.get(username)!;
  };
  const get = async <T>(pathname: string, username = 'ann'): Promise<T> => {
    const response = await fetch(`${relay.url}${pathname}`, { headers: { authorization: `Bearer ${await token(username)}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as T;
  };
  const world: World = {
    relay,
    clock,
    smtpPort,
    token,
    heartbeats: async (username = 'ann') => (await get<{ heartbeats: HeartbeatView[] }>('/api/v1/heartbeats', username)).heartbeats,
    acme: async () => (await world.heartbeats()).find((h) => h.id === ACME_HEARTBEAT_ID)!,
    incidents: async () => (await get<{ incidents: Incident[] }>('/api/v1/incidents')).incidents,
    async until(what, check) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const value = await check();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
        // Timers the relay set for instants the clock has already passed (its async work set them late) fire now.
        clock.advance(0);
      }
    },
  };
  return world;
}

async function newWorld(interval = '5m', grace = '2m', pgServerUrl?: string): Promise<{ world: World; db: string; config: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-heartbeat-'));
  dirs.push(dir);
  const pg = pgServerUrl ? await createTestDatabase(pgServerUrl) : undefined;
  if (pg) drops.push(() => pg.drop());
  const db = pg?.url ?? path.join(dir, 'klaxon.db');
  const config = writeTestConfig((doc) => acmeHeartbeat(doc, interval, grace));
  return { world: await startWorld(db, config, createManualClock(T0)), db, config };
}

const ping = (world: World, key: string = HEARTBEAT_KEYS.acme, init: RequestInit = {}) => fetch(`${world.relay.url}/heartbeat/${key}`, init);
const heartbeatIncident = async (world: World) => (await world.incidents()).find((i) => i.dedupKey === `heartbeat:${ACME_HEARTBEAT_ID}`);

describe('heartbeat monitors on a manual clock', () => {
  it('waits for the first ping, moves the deadline with each ping, opens an incident when one is missed and resolves it when pings return', async () => {
    const { world } = await newWorld();
    expect(await world.acme()).toMatchObject({ state: 'waiting', serviceName: 'RMM agent', clientName: 'Acme Corp', intervalSeconds: 300, graceSeconds: 120, deadlineAt: null });
    // The example's own heartbeat is listed too, never pinged.
    expect((await world.heartbeats()).find((h) => h.id === 'rmm:heartbeat:0')).toMatchObject({ state: 'waiting' });

    expect((await ping(world)).status).toBe(200);
    expect(await world.acme()).toMatchObject({ state: 'ok', lastPingAt: T0.toISOString(), deadlineAt: new Date(T0.getTime() + 7 * MIN).toISOString() });

    // Six minutes on, an agent posts a form: the deadline moves to 13 minutes.
    world.clock.advance(6 * MIN);
    const posted = await ping(world, HEARTBEAT_KEYS.acme, { method: 'POST', body: new URLSearchParams({ host: 'fs01' }) });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ status: 'ok' });
    world.clock.advance(6 * MIN + 59_000);
    expect(await heartbeatIncident(world)).toBeUndefined();
    expect((await world.acme()).state).toBe('ok');

    // Thirteen minutes: the deadline passes without a ping.
    world.clock.advance(1_000);
    const opened = await world.until('the heartbeat incident', () => heartbeatIncident(world));
    expect(opened).toMatchObject({ summary: 'RMM agent for Acme Corp silent for 7 min', status: 'triggered', priority: 'high', clientId: 'acme' });
    const late = await world.until('the late state', async () => {
      const h = await world.acme();
      return h.state === 'late' ? h : undefined;
    });
    expect(late).toMatchObject({ incidentId: opened.id, deadlineAt: null });

    // Pings return: the incident resolves, with a note saying why.
    world.clock.advance(MIN);
    expect((await ping(world)).status).toBe(200);
    expect(await world.acme()).toMatchObject({ state: 'ok', incidentId: null });
    const detail = await fetch(`${world.relay.url}/api/v1/incidents/${opened.id}`, { headers: { authorization: `Bearer ${await world.token('ann')}` } });
    const { incident, timeline } = (await detail.json()) as { incident: Incident; timeline: TimelineEvent[] };
    expect(incident.status).toBe('resolved');
    expect(timeline.some((e) => e.type === 'note.added' && e.data.text === 'pings returned')).toBe(true);
    expect(timeline.find((e) => e.type === 'incident.opened')?.data).toMatchObject({ via: 'heartbeat' });
  });

  it('takes a mail to the heartbeat key as a ping, and refuses mail to an unknown key', async () => {
    const { world } = await newWorld();
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: world.smtpPort, secure: false, ignoreTLS: true });
    const sent = await transport.sendMail({ from: 'agent@acme.example', to: `${HEARTBEAT_KEYS.acme}@alerts.example`, subject: 'alive', text: 'ok' });
    expect(sent.accepted).toEqual([`${HEARTBEAT_KEYS.acme}@alerts.example`]);
    expect(await world.acme()).toMatchObject({ state: 'ok', lastPingAt: T0.toISOString() });
    await expect(transport.sendMail({ from: 'x@example.com', to: 'hb-nobody@alerts.example', subject: 'alive', text: 'ok' })).rejects.toThrow(/550/);
    // An e-mail integration's mail is still an alert, not a ping.
    await transport.sendMail({ from: 'b@client.example', to: `${KEYS.email}@alerts.example`, subject: 'Disk full on FS02', text: '!' });
    expect((await world.incidents()).some((i) => i.summary === 'Disk full on FS02')).toBe(true);
  });
});

describe('heartbeat monitors after a downtime', () => {
  downtimeCase('SQLite', undefined);
  if (PG) downtimeCase('PostgreSQL', PG);
  else it.skip('on PostgreSQL (set KLAXON_TEST_PG_URL)', () => {});
});

/** A relay stops cleanly, stays down past a heartbeat's deadline, and starts again on the same database. */
function downtimeCase(engine: string, pgServerUrl: string | undefined) {
  it(`after a clean stop past a deadline, marks the heartbeat relay-down with a fresh deadline instead of opening an incident (${engine})`, async () => {
    const { world, db, config } = await newWorld('5m', '2m', pgServerUrl);
    expect((await ping(world)).status).toBe(200);
    world.clock.advance(MIN);
    await world.relay.close();
    relays.splice(0);
    // The relay is down for an hour: the 7-minute deadline passes while nobody listens.
    const clock = createManualClock(new Date(T0.getTime() + 61 * MIN));
    const again = await startWorld(db, config, clock);
    const down = await again.acme();
    expect(down).toMatchObject({ state: 'relay-down', lastPingAt: T0.toISOString(), deadlineAt: new Date(T0.getTime() + 68 * MIN).toISOString() });
    clock.advance(6 * MIN);
    expect(await heartbeatIncident(again)).toBeUndefined();
    // The fresh deadline is a real one: missed while up, it opens the incident.
    clock.advance(MIN);
    const opened = await again.until('the heartbeat incident', () => heartbeatIncident(again));
    expect(opened.summary).toBe('RMM agent for Acme Corp silent for 68 min');
  });
}

describe('heartbeat misuse', () => {
  it('answers 404 alike for an unknown key and another integration type’s key, 413 for a huge body, 401 for the list without a token', async () => {
    const { world } = await newWorld();
    const unknown = await ping(world, 'hb-nobody');
    const otherType = await ping(world, KEYS.alertmanager);
    expect(unknown.status).toBe(404);
    expect(otherType.status).toBe(404);
    expect(await unknown.json()).toEqual(await otherType.json());
    const huge = await ping(world, HEARTBEAT_KEYS.acme, { method: 'POST', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    expect((await world.acme()).state).toBe('waiting');
    expect((await fetch(`${world.relay.url}/api/v1/heartbeats`)).status).toBe(401);
  });

  it('limits a flooding key like ingest: 429 with Retry-After, without recording the refused ping', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-heartbeat-'));
    dirs.push(dir);
    const config = writeTestConfig((doc) => acmeHeartbeat(doc, '5m', '2m'));
    const world = await startWorld(path.join(dir, 'klaxon.db'), config, createManualClock(T0), ['--ingest-rate', '1', '--ingest-burst', '2']);
    expect((await ping(world)).status).toBe(200);
    world.clock.advance(1_000);
    expect((await ping(world)).status).toBe(200);
    world.clock.advance(1_000);
    const flooded = await ping(world);
    expect(flooded.status).toBe(429);
    expect(Number(flooded.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await world.acme()).lastPingAt).toBe(new Date(T0.getTime() + 1_000).toISOString());
    // Another key keeps its own bucket.
    expect((await ping(world, HEARTBEAT_KEYS.example)).status).toBe(200);
  });

  it('shows the open incident only to people who may know it once it is confidential', async () => {
    const { world } = await newWorld('1m', '0s');
    await ping(world);
    world.clock.advance(MIN);
    const opened = await world.until('the heartbeat incident', () => heartbeatIncident(world));
    await world.until('the late state', async () => (await world.acme()).state === 'late');
    const marked = await fetch(`${world.relay.url}/api/v1/incidents/${opened.id}/confidential`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await world.token('ann')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ confidential: true }),
    });
    expect(marked.status).toBe(200);
    expect((await world.acme()).incidentId).toBe(opened.id);
    const asBob = (await world.heartbeats('bob')).find((h) => h.id === ACME_HEARTBEAT_ID);
    expect(asBob).toMatchObject({ state: 'late', incidentId: null });
  });
});

describe('a burst of pings', () => {
  it('resolves the incident once (one "pings returned" note) and leaves the heartbeat ok, when a burst of pings ends a silence', async () => {
    const { world } = await newWorld('1m', '0s');
    await ping(world);
    world.clock.advance(MIN);
    const opened = await world.until('the heartbeat incident', () => heartbeatIncident(world));
    await world.until('the late state', async () => (await world.acme()).state === 'late');
    world.clock.advance(1_000);
    const answers = await Promise.all(Array.from({ length: 20 }, () => ping(world)));
    expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
    expect(await world.acme()).toMatchObject({ state: 'ok', incidentId: null, lastPingAt: new Date(T0.getTime() + MIN + 1_000).toISOString() });
    const detail = await fetch(`${world.relay.url}/api/v1/incidents/${opened.id}`, { headers: { authorization: `Bearer ${await world.token('ann')}` } });
    const { timeline } = (await detail.json()) as { timeline: TimelineEvent[] };
    expect(timeline.filter((e) => e.type === 'note.added' && e.data.text === 'pings returned')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'incident.resolved')).toHaveLength(1);
  });
});
