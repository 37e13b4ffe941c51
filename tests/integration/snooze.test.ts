import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schemas/audit.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { connectPhone, login, registerPhone } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';

/** How long a relay restart plus the overdue snooze-end row may take on a loaded machine. */
const OUTCOME_WITHIN_MS = 60_000;

let relay: RelayProcess;
let configPath: string;
let ann: ScheduleClient; // ir-manager
let bob: ScheduleClient; // triage-analyst
let dan: ScheduleClient; // responder

async function signIn(): Promise<void> {
  [ann, bob, dan] = await Promise.all([signInClient(relay.url, 'ann'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'dan')]);
}

beforeAll(async () => {
  // Level 1 pages bob, level 2 cara, a minute apart: nothing escalates on its own during the test.
  configPath = writeTestConfig((doc) => fastEscalationPolicy(doc, ['60s', '60s']));
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath } });
  await signIn();
}, 60_000);
afterAll(async () => {
  const dir = relay?.dataDir;
  await relay?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function trigger(dedupKey: string): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Alert ${dedupKey}`, source: 'srv1', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
  const { body } = await ann.call('GET', '/api/v1/incidents');
  const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey);
  if (!found) throw new Error(`no open incident ${dedupKey}`);
  return found.id;
}

async function detail(id: string) {
  return (await ann.call('GET', `/api/v1/incidents/${id}`)).body as { incident: Incident; timeline: TimelineEvent[]; pages: Page[] };
}

async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
  const until = Date.now() + OUTCOME_WITHIN_MS;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > until) throw new Error(`not reached: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const snooze = (client: ScheduleClient, id: string, body: unknown) => client.call('POST', `/api/v1/incidents/${encodeURIComponent(id)}/snooze`, body);

describe('snooze through the API: misuse is refused with the reason', () => {
  it('refuses a triage analyst, an incident the person may not know, a triggered one, and malformed or huge input naming the field', async () => {
    const id = await trigger('snooze-misuse');
    expect(await snooze(dan, id, { duration: '15m' })).toMatchObject({ status: 409, body: { error: expect.stringContaining('only an acknowledged incident') } });
    expect((await ann.call('POST', `/api/v1/incidents/${id}/acknowledge`)).status).toBe(200);

    expect(await snooze(bob, id, { duration: '15m' })).toMatchObject({ status: 403, body: { error: expect.stringContaining('snooze needs the role') } });
    expect(await snooze(dan, id, { duration: 'soon' })).toMatchObject({ status: 400, body: { field: 'duration' } });
    expect(await snooze(dan, id, { duration: '9d' })).toMatchObject({ status: 400, body: { field: 'duration' } });
    expect(await snooze(dan, id, { duration: '1'.repeat(100_000) })).toMatchObject({ status: 400, body: { field: 'duration' } });
    expect(await snooze(dan, id, {})).toMatchObject({ status: 400, body: { field: 'duration' } });
    expect(await snooze(dan, id, { until: 'tomorrow' })).toMatchObject({ status: 400, body: { field: 'until' } });
    expect(await snooze(dan, id, { until: new Date(Date.now() + 8 * 86_400_000).toISOString() })).toMatchObject({ status: 400, body: { field: 'until' } });
    expect(await snooze(dan, 'no-such-incident', { duration: '15m' })).toMatchObject({ status: 404 });
    expect((await dan.call('DELETE', `/api/v1/incidents/${id}/snooze`)).status).toBe(409);

    // Confidential, and dan is not on its need-to-know list: as if it did not exist.
    expect((await ann.call('POST', `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);
    expect(await snooze(dan, id, { duration: '15m' })).toMatchObject({ status: 404, body: { error: `no incident ${id}` } });
    expect(await snooze(ann, id, { duration: '15m' })).toMatchObject({ status: 200, body: { changed: 1 } });
    expect((await dan.call('DELETE', `/api/v1/incidents/${id}/snooze`)).status).toBe(404);
    // Nothing the refused requests asked for happened: one snooze, by ann.
    const snoozed = (await detail(id)).timeline.filter((e) => e.type === 'incident.snoozed');
    expect(snoozed.map((e) => e.actor.id)).toEqual(['ann']);
    expect((await ann.call('DELETE', `/api/v1/incidents/${id}/snooze`)).status).toBe(200);
    expect((await detail(id)).incident).toMatchObject({ status: 'acknowledged' });
    expect((await ann.call('POST', `/api/v1/incidents/${id}/resolve`)).status).toBe(200);
  });
});

describe('snooze from a phone', () => {
  it('snoozes over the device socket with the same checks, naming the field of a bad duration', async () => {
    const id = await trigger('snooze-phone');
    const phone = await connectPhone(relay.url, await registerPhone(relay.url, await login(relay.url, 'dan', 'change-me-dan')));
    try {
      const send = (payload: unknown) => phone.socket.timeout(15_000).emitWithAck('incident:snooze', payload) as Promise<unknown>;
      expect(await send({ incidentId: id, duration: 3600 })).toMatchObject({ ok: false, error: { code: 'conflict' } });
      expect((await dan.call('POST', `/api/v1/incidents/${id}/acknowledge`)).status).toBe(200);
      expect(await send({ incidentId: id, duration: 'forever' })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'duration' } });
      expect(await send({ incidentId: id, duration: 3600 })).toEqual({ ok: true, value: undefined });
      expect((await detail(id)).incident.snoozedUntil).toBeTruthy();
    } finally {
      phone.close();
    }
    expect((await ann.call('POST', `/api/v1/incidents/${id}/resolve`)).status).toBe(200);
  });
});

describe('a snooze end across kill -9', () => {
  it('fires once after the relay restarts, from the durable row: triggered again, new pages from level 1', { timeout: 180_000 }, async () => {
    const id = await trigger('snooze-kill');
    await eventually(() => detail(id), (d) => d.pages.some((p) => p.pageKey === '0:0:bob'));
    expect((await dan.call('POST', `/api/v1/incidents/${id}/acknowledge`)).status).toBe(200);
    const answer = await snooze(dan, id, { duration: '1m' });
    expect(answer.status).toBe(200);
    const until = (answer.body as { until: string }).until;
    const { dataDir, dbPath, port } = relay;
    await relay.kill9();

    // Straight from the file: the snooze and its end row were committed before the death.
    const file = new BetterSqlite3(dbPath);
    try {
      expect(file.prepare('select status, snoozed_until from incidents where id = ?').get(id)).toEqual({ status: 'acknowledged', snoozed_until: until });
      expect(file.prepare('select kind, due_at from jobs where id = ?').get(`snooze:${id}`)).toEqual({ kind: 'incident.snooze-end', due_at: Date.parse(until) });
      // The relay stays down longer than the snooze: its end time passes while nothing runs (the clock
      // is moved, not waited for: both due times are set into the past, as a long downtime leaves them).
      const past = Date.now() - 5_000;
      file.prepare('update incidents set snoozed_until = ? where id = ?').run(new Date(past).toISOString(), id);
      file.prepare('update jobs set due_at = ? where id = ?').run(past, `snooze:${id}`);
    } finally {
      file.close();
    }

    relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath }, dataDir, port });
    await signIn();
    const again = await eventually(() => detail(id), (d) => d.pages.some((p) => p.pageKey === 'r1:0:0:bob'));
    // (No phone is paired here, so the new run's pages fail and it moves on; what counts is that it paged anew.)
    expect(again.incident).toMatchObject({ status: 'triggered', acknowledgedAt: null });
    // The run it replaces was stopped by the acknowledgement, or had already run out of levels (its
    // pages fail at once with no phone, so on a slow machine it can end before the acknowledgement).
    expect(['stopped', 'unanswered']).toContain(again.timeline.find((e) => e.type === 'escalation.started' && e.data.run === 1)?.data.from);
    expect(again.incident.snoozedUntil ?? null).toBeNull();
    expect(again.timeline.filter((e) => e.type === 'incident.snooze_ended').map((e) => e.data.reason)).toEqual(['expired']);

    // Killed again and started again: the end row is gone, so nothing fires a second time.
    await relay.kill9();
    const after = new BetterSqlite3(dbPath, { readonly: true });
    try {
      expect(after.prepare('select count(*) as n from jobs where id = ?').get(`snooze:${id}`)).toEqual({ n: 0 });
    } finally {
      after.close();
    }
    relay = await startRelayProcess({ env: { KLAXON_CONFIG: configPath }, dataDir, port });
    await signIn();
    const final = await detail(id);
    expect(final.timeline.filter((e) => e.type === 'incident.snooze_ended')).toHaveLength(1);
    expect(final.pages.filter((p) => p.pageKey === 'r1:0:0:bob')).toHaveLength(1);
    expect(final.timeline.filter((e) => e.type === 'page.queued' && e.data.userId === 'bob')).toHaveLength(2);
    const audit = (await ann.call('GET', '/api/v1/audit?limit=200')).body as { events: AuditEntry[] };
    const entries = audit.events.filter((e) => e.subject?.id === id && e.action.startsWith('incident.snooze'));
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([['incident.snooze_ended', null], ['incident.snoozed', 'dan']]);
  });
});
