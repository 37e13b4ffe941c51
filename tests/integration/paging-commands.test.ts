import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { CommandRefusal } from '../../shared/socket-events.js';
import { login, type TestPhone } from '../support/phone.js';
import { startPagingRelay, type PagingRelay } from '../support/paging-relay.js';
import { fastEscalationPolicy } from '../support/test-config.js';

/**
 * Every command on every escalation state, through the real transports (HTTP and the phone's
 * socket) of a relay on a manual clock: each is either done — and the person sees the page it
 * caused — or refused with a reason. Nothing answers success and changes nothing.
 */

/** Saturday 10:00 in New York: outside the team's business hours, so low alerts are held. */
const START = new Date('2026-11-07T15:00:00Z');
const MIN = 60_000;
const BACKENDS: [string, string | undefined][] = [
  ['SQLite', undefined],
  ['PostgreSQL', process.env.KLAXON_TEST_PG_URL],
];

type State = 'running' | 'stopped by read' | 'stopped by acknowledge' | 'failed over' | 'held' | 'resolved';
type Outcome = { done: true } | { done: false; code: string; message?: RegExp };
interface Command {
  name: string;
  run(world: World, incidentId: string): Promise<Outcome>;
}
interface World {
  r: PagingRelay;
  bob: TestPhone;
  cara: TestPhone;
  failures: CommandRefusal[];
}

const http = (status: number, body: Record<string, unknown>, ok: number): Outcome =>
  status === ok ? { done: true } : { done: false, code: String(status), message: body.message as never };
const socket = (result: CommandResult): Outcome => (result.ok ? { done: true } : { done: false, code: result.error.code });

const COMMANDS: Record<'escalate-http' | 'escalate-phone' | 'escalate-phone-no-callback' | 'page-person', Command> = {
  'escalate-http': {
    name: 'Escalate now (console, HTTP)',
    run: async ({ r }, id) => {
      const a = await r.api('ann', `/api/v1/incidents/${id}/escalate`, {});
      return http(a.status, a.body, 202);
    },
  },
  'escalate-phone': {
    name: "I can't take it (phone, with callback)",
    run: async ({ bob }, id) => socket((await bob.socket.timeout(10_000).emitWithAck('incident:escalate', { incidentId: id })) as CommandResult),
  },
  'escalate-phone-no-callback': {
    name: "I can't take it (phone, without callback)",
    run: async ({ r, bob, failures }, id) => {
      const before = failures.length;
      bob.socket.emit('incident:escalate', { incidentId: id });
      // Either the effect shows (checked by the caller) or a command:refused event comes back.
      const refused = await r
        .until('a command:refused event', () => failures.length > before && failures[failures.length - 1], 1500)
        .catch(() => undefined);
      return refused ? { done: false, code: refused.error.code } : { done: true };
    },
  },
  'page-person': {
    name: 'Page a person (cara)',
    run: async ({ r }, id) => {
      const a = await r.api('ann', `/api/v1/incidents/${id}/page`, { userId: 'cara' });
      return http(a.status, a.body, 202);
    },
  },
};

/** The page a person should then get on their phone, by page key, for an escalate command. */
const NEXT_PAGE: Record<Exclude<State, 'resolved'>, { phone: 'bob' | 'cara'; key: string; timeline: string }> = {
  running: { phone: 'cara', key: '1:0:cara', timeline: 'escalation.level' },
  'stopped by read': { phone: 'cara', key: '1:0:cara', timeline: 'escalation.started' },
  'stopped by acknowledge': { phone: 'cara', key: '1:0:cara', timeline: 'escalation.started' },
  'failed over': { phone: 'bob', key: '0:1:bob', timeline: 'escalation.started' },
  held: { phone: 'bob', key: '0:0:bob', timeline: 'incident.released' },
};

let serial = 0;
async function reach(world: World, state: State): Promise<string> {
  const { r, bob } = world;
  serial += 1;
  if (state === 'held') {
    const held = await r.trigger(`held-${serial}`, 'info');
    expect(held.escalation).toBe('deferred');
    return held.id;
  }
  const { id } = await r.trigger(`case-${serial}`);
  await bob.waitForPage((p) => p.id === `${id}/0:0:bob/push`, 10_000);
  if (state === 'stopped by read') expect(await bob.read(`${id}/0:0:bob/push`)).toEqual({ ok: true });
  if (state === 'stopped by acknowledge') expect((await r.api('ann', `/api/v1/incidents/${id}/acknowledge`, {})).status).toBe(200);
  if (state === 'resolved') expect((await r.api('ann', `/api/v1/incidents/${id}/resolve`, {})).status).toBe(200);
  if (state === 'failed over') {
    r.clock.advance(5 * MIN);
    await r.until("cara's level-2 page", () => {
      r.clock.advance(0); // fire a wake-up the runner armed after the last move
      return world.cara.pages.some((p) => p.id === `${id}/1:0:cara/push`);
    });
    r.clock.advance(5 * MIN);
  }
  const want = { running: 'running', 'stopped by read': 'stopped', 'stopped by acknowledge': 'stopped', 'failed over': 'unanswered', resolved: 'stopped' }[state];
  await r.until(`the escalation ${want}`, async () => {
    r.clock.advance(0); // fire a wake-up the runner armed after the last move
    return (await r.detail(id)).incident.escalation === want;
  });
  return id;
}

describe.each(BACKENDS)('paging commands on %s', (_backend, pgServerUrl) => {
  const world = {} as World;
  beforeAll(async () => {
    if (_backend === 'PostgreSQL' && !pgServerUrl) return;
    world.r = await startPagingRelay({ start: START, pgServerUrl, edit: (doc) => fastEscalationPolicy(doc, ['5m', '5m']) });
    world.bob = await world.r.pairPhone('bob');
    world.cara = await world.r.pairPhone('cara');
    world.failures = [];
    world.bob.socket.on('command:refused', (failure: CommandRefusal) => world.failures.push(failure));
  }, 60_000);
  afterAll(async () => world.r?.close());
  const maybe = _backend === 'PostgreSQL' && !pgServerUrl ? it.skip : it;

  const states: State[] = ['running', 'stopped by read', 'stopped by acknowledge', 'failed over', 'held', 'resolved'];
  for (const key of ['escalate-http', 'escalate-phone', 'escalate-phone-no-callback'] as const) {
    for (const state of states) {
      maybe(`${COMMANDS[key].name} when ${state}: ${state === 'resolved' ? 'refused (409 / conflict)' : 'the next person is paged'}`, async () => {
        const id = await reach(world, state);
        const outcome = await COMMANDS[key].run(world, id);
        if (state === 'resolved') {
          expect(outcome).toMatchObject({ done: false, code: key === 'escalate-http' ? '409' : 'conflict' });
          expect((await world.r.detail(id)).timeline.map((e) => e.type)).not.toContain('escalation.level');
          return;
        }
        expect(outcome).toEqual({ done: true });
        const next = NEXT_PAGE[state];
        await world[next.phone].waitForPage((p) => p.id === `${id}/${next.key}/push`, 10_000);
        const { incident, timeline } = await world.r.detail(id);
        expect(incident.escalation).toBe('running');
        const said = timeline.filter((e) => e.type === next.timeline).at(-1);
        expect(said?.actor).toEqual({ type: 'user', id: key === 'escalate-http' ? 'ann' : 'bob' });
        if (state.startsWith('stopped') || state === 'failed over') expect(said?.data).toMatchObject({ restarted: true });
        if (state === 'held') expect(said?.data).toMatchObject({ early: 'escalate-now' });
        await world.r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
      });
    }
  }

  for (const state of states) {
    maybe(`Page a person when ${state}: ${state === 'resolved' ? 'refused (409)' : "cara's phone gets the page"}`, async () => {
      const id = await reach(world, state);
      const outcome = await COMMANDS['page-person'].run(world, id);
      if (state === 'resolved') {
        expect(outcome).toMatchObject({ done: false, code: '409' });
        return;
      }
      expect(outcome).toEqual({ done: true });
      const page = await world.cara.waitForPage((p) => p.incidentId === id && p.id.includes('/manual:cara:'), 10_000);
      const { pages } = await world.r.detail(id);
      await world.r.until('the manual page sent', async () => (await world.r.detail(id)).pages.find((p) => p.id === page.id && p.sentAt !== null));
      expect(pages.find((p) => p.id === page.id)?.state).not.toBe('cancelled');
      await world.r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
    });
  }

  maybe('raising a held incident to high releases the hold at once; a triage analyst may not', async () => {
    const id = await reach(world, 'held');
    expect((await world.r.api('bob', `/api/v1/incidents/${id}/priority`, { priority: 'high' })).status).toBe(403);
    expect((await world.r.api('ann', `/api/v1/incidents/${id}/priority`, { priority: 'high' })).status).toBe(200);
    await world.bob.waitForPage((p) => p.id === `${id}/0:0:bob/push`, 10_000);
    const { incident, timeline } = await world.r.detail(id);
    expect(incident).toMatchObject({ priority: 'high', escalation: 'running', deferredUntil: null });
    expect(timeline.find((e) => e.type === 'incident.released')).toMatchObject({ actor: { type: 'user', id: 'ann' }, data: { early: 'priority-high' } });
    await world.r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
  });

  maybe('commands sent without a callback are carried out on /device and /console, and refusals come back as command:refused events', async () => {
    const id = await reach(world, 'running');
    world.bob.socket.emit('page:read', { id: `${id}/0:0:bob/push` });
    await world.r.until('the read recorded', async () => (await world.r.detail(id)).pages.find((p) => p.state === 'read'));
    expect((await world.r.detail(id)).incident.escalation).toBe('stopped');

    const before = world.failures.length;
    world.bob.socket.emit('page:read', { id: 'no-such-page' });
    world.bob.socket.emit('incident:escalate', {});
    const failures = await world.r.until('two command:refused events', () => world.failures.length >= before + 2 && world.failures.slice(before));
    expect(failures.sort((a, b) => a.event.localeCompare(b.event))).toEqual([
      { event: 'incident:escalate', error: expect.objectContaining({ code: 'invalid', field: 'incidentId' }) },
      { event: 'page:read', error: expect.objectContaining({ code: 'not_found', field: 'id' }) },
    ]);

    // The console namespace does the same.
    const other = await reach(world, 'running');
    const desk = connect(`${world.r.relay.url}/console`, { auth: { token: await login(world.r.relay.url, 'bob', 'change-me-bob') }, transports: ['websocket'], reconnection: false });
    const deskFailures: CommandRefusal[] = [];
    desk.on('command:refused', (failure: CommandRefusal) => deskFailures.push(failure));
    await new Promise((resolve) => desk.once('connect', () => resolve(undefined)));
    desk.emit('incident:acknowledge', { incidentIds: [other] });
    await world.r.until('the acknowledge carried out', async () => (await world.r.detail(other)).incident.status === 'acknowledged');
    desk.emit('incident:set-priority', { incidentIds: [other], priority: 'high' });
    desk.emit('incident:resolve', { incidentIds: 'not-a-list' });
    await world.r.until('two console refusals', () => deskFailures.length >= 2);
    expect(deskFailures.sort((a, b) => a.event.localeCompare(b.event))).toEqual([
      { event: 'incident:resolve', error: expect.objectContaining({ code: 'invalid', field: 'incidentIds' }) },
      { event: 'incident:set-priority', error: expect.objectContaining({ code: 'forbidden' }) },
    ]);
    desk.close();
    await world.r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
    await world.r.api('ann', `/api/v1/incidents/${other}/resolve`, {});
  });

  maybe('misuse: a malformed or huge page request names the field; an unknown incident is 404', async () => {
    const { id } = await world.r.trigger(`misuse-${serial++}`);
    expect((await world.r.api('ann', `/api/v1/incidents/${id}/page`, {})).body).toMatchObject({ field: 'userId' });
    expect((await world.r.api('ann', `/api/v1/incidents/${id}/page`, { userId: 'u'.repeat(10_000) })).status).toBe(400);
    expect((await world.r.api('ann', `/api/v1/incidents/nope/escalate`, {})).status).toBe(404);
    expect(await world.bob.socket.timeout(10_000).emitWithAck('incident:escalate', { incidentId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await world.r.api('ann', `/api/v1/incidents/${id}/resolve`, {});
  });
});
