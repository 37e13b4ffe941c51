import { rmSync } from 'node:fs';
import ical from 'node-ical';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IssuedCalendarFeed, ScheduleSummary } from '../../shared/schemas/calendar.js';
import type { Schedule } from '../../shared/schemas/schedule.js';
import type { SwapRequest } from '../../shared/schemas/swap.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { localText, nextShiftOf, signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { writeTestConfig } from '../support/test-config.js';

const ZONE = 'America/New_York';
let relay: RelayProcess;
let configPath: string;
let firstDataDir: string | undefined;
let ann: ScheduleClient;
let bob: ScheduleClient;
let cara: ScheduleClient;
const sockets: Socket[] = [];

async function start(dataDir?: string, config = configPath): Promise<RelayProcess> {
  return startRelayProcess({ env: { KLAXON_CONFIG: config }, ...(dataDir ? { dataDir } : {}) });
}

beforeAll(async () => {
  configPath = writeTestConfig();
  relay = await start();
  [ann, bob, cara] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'cara')]);
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
  // Relays restarted on the first one's folder do not own it.
  if (firstDataDir) rmSync(firstDataDir, { recursive: true, force: true });
});

const summary = async (client: ScheduleClient) => (await client.call('GET', '/api/v1/schedules/noc-primary')).body as ScheduleSummary;

describe('the schedules API', () => {
  it('lists the config schedule with who is on call now, the next handoff and who may edit it', async () => {
    const mine = await summary(ann);
    expect(mine.origin).toBe('config');
    expect(mine.declaredInConfig).toBe(true);
    expect(mine.mayEdit).toBe(true);
    expect(mine.onCall.users.length).toBeGreaterThan(0);
    expect(mine.onCall.nextHandoff).not.toBeNull();
    expect((await summary(bob)).mayEdit).toBe(false);
  });

  it('lets the owner edit layers, refuses members, and names the wrong field', async () => {
    const { schedule } = await summary(ann);
    const night: Schedule = {
      ...schedule,
      layers: [...schedule.layers, { name: 'nights', rotation: { participants: ['cara'], shiftLength: 86_400, start: '2026-11-02T22:00' }, restrictions: [{ days: ['sat'], start: '22:00', end: '06:00' }] }],
    };
    expect((await bob.call('PUT', '/api/v1/schedules/noc-primary', night)).status).toBe(403);
    const wrong = await ann.call('PUT', '/api/v1/schedules/noc-primary', { ...night, layers: [{ ...night.layers[0], rotation: { ...night.layers[0]!.rotation, shiftLength: '5m' } }] });
    expect(wrong).toMatchObject({ status: 400, body: { field: 'layers.0.rotation.shiftLength' } });
    const stranger = await ann.call('PUT', '/api/v1/schedules/noc-primary', { ...night, owner: 'zed' });
    expect(stranger).toMatchObject({ status: 400, body: { field: 'owner' } });
    const saved = await ann.call('PUT', '/api/v1/schedules/noc-primary', night);
    expect(saved.status).toBe(200);
    expect((saved.body as ScheduleSummary).origin).toBe('console');
    expect((saved.body as ScheduleSummary).schedule.layers.map((l) => l.name)).toEqual(['weekly', 'weekday-days', 'nights']);
  });

  it('takes a rotation start and hand-over clock, reads the old name, and names a wrong field', async () => {
    const { schedule } = await summary(ann);
    const shifts = { name: 'shifts', rotation: { participants: ['cara'], shiftLength: 43_200, start: '2026-11-02T08:00', handoffs: 'wall-clock' }, restrictions: [] };
    const put = (layer: unknown) => ann.call('PUT', '/api/v1/schedules/noc-primary', { ...schedule, layers: [...schedule.layers, layer] });
    const sundial = await put({ ...shifts, rotation: { ...shifts.rotation, handoffs: 'sundial' } });
    expect(sundial).toMatchObject({ status: 400, body: { field: `layers.${schedule.layers.length}.rotation.handoffs` } });
    const { start, ...noStart } = shifts.rotation;
    expect(await put({ ...shifts, rotation: noStart })).toMatchObject({ status: 400, body: { field: `layers.${schedule.layers.length}.rotation.start` } });
    expect(await put({ ...shifts, rotation: { ...shifts.rotation, handoff: start } })).toMatchObject({
      status: 400,
      body: { field: `layers.${schedule.layers.length}.rotation.handoff` },
    });
    expect((await bob.call('PUT', '/api/v1/schedules/noc-primary', { ...schedule, layers: [...schedule.layers, shifts] })).status).toBe(403);
    // The old name is still read, and the relay answers (and keeps) the new one.
    const legacy = await put({ ...shifts, rotation: { ...noStart, handoff: start } });
    expect(legacy.status).toBe(200);
    expect((legacy.body as ScheduleSummary).schedule.layers.at(-1)?.rotation).toEqual(shifts.rotation);
    expect((await summary(bob)).schedule.layers.at(-1)?.rotation).toEqual(shifts.rotation);
    expect((await ann.call('PUT', '/api/v1/schedules/noc-primary', schedule)).status).toBe(200);
  });

  it('turns an accepted swap into an override and pushes it live to both consoles', async () => {
    const pushes: { who: string; swap: SwapRequest }[] = [];
    for (const [who, client] of [['bob', bob], ['cara', cara]] as const) {
      const socket = connect(`${relay.url}/console`, { auth: { token: client.token }, transports: ['websocket'], reconnection: false });
      sockets.push(socket);
      socket.on('swap:updated', (swap: SwapRequest) => pushes.push({ who, swap }));
      await new Promise<void>((resolve, reject) => { socket.once('connect', resolve); socket.once('connect_error', reject); });
    }
    const shift = await nextShiftOf(bob, 'noc-primary', 'bob', new Date(Date.now() + 3_600_000));
    const start = localText(shift.start, ZONE);
    const end = localText(Math.min(Date.parse(shift.end), Date.parse(shift.start) + 2 * 3_600_000), ZONE);
    const refused = await bob.call('POST', '/api/v1/schedules/noc-primary/swaps', { target: 'bob', start, end });
    expect(refused).toMatchObject({ status: 400, body: { field: 'target' } });
    const asked = await bob.call('POST', '/api/v1/schedules/noc-primary/swaps', { target: 'cara', start, end, note: 'school run' });
    expect(asked.status).toBe(201);
    const swap = asked.body as SwapRequest;
    expect((await bob.call('POST', `/api/v1/swaps/${swap.id}/decision`, { decision: 'accept' })).status).toBe(403);
    const accepted = await cara.call('POST', `/api/v1/swaps/${swap.id}/decision`, { decision: 'accept' });
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted', decidedBy: 'cara' } });
    expect((await summary(ann)).schedule.overrides).toContainEqual({ user: 'cara', replaces: 'bob', start, end });
    const again = await cara.call('POST', `/api/v1/swaps/${swap.id}/decision`, { decision: 'decline' });
    expect(again.status).toBe(409);
    await expect.poll(() => pushes.map((p) => `${p.who}:${p.swap.status}`).sort()).toEqual(['bob:accepted', 'bob:pending', 'cara:accepted', 'cara:pending']);
  });

  it('serves per-user and per-schedule iCalendar feeds that a parser reads, behind regenerable tokens', async () => {
    // The URL is shown once, when the feed is made; a schedule feed is made by someone who may edit it.
    const mine = (await cara.call('POST', '/api/v1/calendar-feeds/regenerate', { kind: 'user', subject: 'cara' })).body as IssuedCalendarFeed;
    expect(mine.url).toMatch(new RegExp(`^${relay.url}/calendar/[A-Za-z0-9_-]{40,}\\.ics$`));
    const response = await fetch(mine.url);
    expect(response.headers.get('content-type')).toMatch(/^text\/calendar/);
    const text = await response.text();
    expect(text.split('\r\n').every((line) => Buffer.byteLength(line) <= 75)).toBe(true);
    const events = Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(events.length).toBeGreaterThan(0);
    expect(events.every((e) => String(e.summary).startsWith('On call: NOC primary'))).toBe(true);
    const schedule = (await ann.call('POST', '/api/v1/calendar-feeds/regenerate', { kind: 'schedule', subject: 'noc-primary' })).body as IssuedCalendarFeed;
    const parsed = ical.sync.parseICS(await (await fetch(schedule.url)).text());
    const scheduleEvents = Object.values(parsed).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
    expect(scheduleEvents.some((e) => String(e.summary).includes('Cara Example'))).toBe(true);

    expect((await cara.call('POST', '/api/v1/calendar-feeds/regenerate', { kind: 'schedule', subject: 'noc-primary' })).status).toBe(403);
    const renewed = await cara.call('POST', '/api/v1/calendar-feeds/regenerate', { kind: 'user', subject: 'cara' });
    expect((await fetch(mine.url)).status).toBe(404);
    expect((await fetch((renewed.body as IssuedCalendarFeed).url)).status).toBe(200);
  });

  it('reports fair on-call load and a rebalance suggestion', async () => {
    const fair = await ann.call('GET', '/api/v1/schedules/noc-primary/fairness');
    expect(fair.status).toBe(200);
    const people = (fair.body as { people: { userId: string; onCallHours: number }[] }).people;
    expect(people.map((p) => p.userId)).toEqual(expect.arrayContaining(['ann', 'bob', 'cara', 'dan']));
    expect(people.reduce((sum, p) => sum + p.onCallHours, 0)).toBeGreaterThan(24 * 27);
    const suggestion = await ann.call('GET', '/api/v1/schedules/noc-primary/rebalance?weeks=2');
    expect(suggestion.status).toBe(200);
    expect((await ann.call('GET', '/api/v1/schedules/noc-primary/rebalance?weeks=99')).status).toBe(400);
  });

  it('keeps console edits over a restart with the same config file, and lets a changed file win', async () => {
    const dataDir = relay.dataDir;
    firstDataDir = dataDir;
    await relay.stop();
    relay = await start(dataDir);
    let client = await signInClient(relay.url, 'ann');
    const kept = (await client.call('GET', '/api/v1/schedules/noc-primary')).body as ScheduleSummary;
    expect(kept.schedule.layers.map((l) => l.name)).toEqual(['weekly', 'weekday-days', 'nights']);
    expect(kept.origin).toBe('console');

    await relay.stop();
    const changed = writeTestConfig((doc) => {
      doc.schedules![0]!.name = 'NOC primary (from file)';
    });
    relay = await start(dataDir, changed);
    client = await signInClient(relay.url, 'ann');
    const replaced = (await client.call('GET', '/api/v1/schedules/noc-primary')).body as ScheduleSummary;
    expect(replaced.schedule.name).toBe('NOC primary (from file)');
    expect(replaced.schedule.layers).toHaveLength(2);
    expect(replaced.origin).toBe('config');
  }, 60_000);
});
