import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult } from '../../shared/schemas/command.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { BoardSnapshot } from '../../shared/socket-events.js';
import { startRecordingServer, type RecordingServer } from '../../server/adapters/notify/testing/recording-server.js';
import { connectPhone, login, type TestPhone } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/**
 * Need-to-know through every route of a real relay process: a confidential incident's details
 * (summary "Secret breach …", source "edr-secret") reach nobody who may not know it — not by REST,
 * the console socket, the phone socket, action links, my pages, the wallboard or metrics — and every
 * third-party channel (ntfy, webhook, e-mail) carries only the redacted paging text.
 */
const SECRET = 'Secret breach';
const REDACTED = 'Confidential incident on RMM alerts — open Klaxon';

let relay: RelayProcess;
let ntfy: RecordingServer;
let webhook: RecordingServer;
let smtp: SmtpSink;
const tokens: Record<string, string> = {};
const closers: (() => void)[] = [];

beforeAll(async () => {
  ntfy = await startRecordingServer(() => ({ status: 200, body: { id: 'n1' } }));
  webhook = await startRecordingServer(() => ({ status: 200 }));
  smtp = await startSmtpSink();
  const config = writeTestConfig((doc) => {
    const policy = doc.policies!.find((p) => p.id === 'noc-default')!;
    // The escalation pages cara (push only, no phone connected); dan is paged by hand in the tests.
    Object.assign(policy, { stopOn: 'acknowledged', repeat: 0, levels: [{ delay: '1h', targets: [{ user: 'cara' }] }] });
    const dan = doc.users!.find((u) => u.id === 'dan')!;
    dan.notify = [
      { channel: 'push', after: '0s' },
      { channel: 'ntfy', after: '0s' },
      { channel: 'webhook', after: '0s' },
      { channel: 'email', after: '0s' },
    ];
    dan.contacts = { ntfy: { url: `${ntfy.baseUrl}/klaxon-dan` }, webhook: { url: `${webhook.baseUrl}/hook`, secret: 'a-webhook-secret-of-dan' } };
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url, KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32' } });
  for (const name of ['ann', 'bob', 'cara', 'dan']) tokens[name] = await login(relay.url, name, `change-me-${name}`);
});
afterAll(async () => {
  closers.forEach((close) => close());
  await relay?.dispose();
  await Promise.all([ntfy?.close(), webhook?.close(), smtp?.close()]);
});

const api = async (who: string, path: string, init: { method?: string; body?: unknown } = {}) => {
  const response = await fetch(`${relay.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${tokens[who]}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, text, body: (text ? JSON.parse(text) : undefined) as Record<string, any> };
};

const trigger = (dedupKey: string) =>
  fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `${SECRET} ${dedupKey}`, source: 'edr-secret', severity: 'critical' },
    }),
  });

async function until<T>(check: () => Promise<T | undefined> | T | undefined, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Opens an incident and has ann mark it confidential; returns its id. */
async function confidentialIncident(dedupKey: string): Promise<string> {
  expect((await trigger(dedupKey)).status).toBe(202);
  const list = await api('ann', '/api/v1/incidents');
  const id = (list.body.incidents as Incident[]).find((i) => i.dedupKey === dedupKey)!.id;
  expect((await api('ann', `/api/v1/incidents/${id}/confidential`, { body: { confidential: true } })).status).toBe(200);
  return id;
}

async function consoleOf(who: string): Promise<Socket> {
  const socket = connect(`${relay.url}/console`, { auth: { token: tokens[who] }, transports: ['websocket'], reconnection: false });
  closers.push(() => socket.close());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

describe('need-to-know over REST', () => {
  it('tells a triage analyst and a responder that a confidential incident exists, and nothing more', async () => {
    const id = await confidentialIncident('rest-1');
    await api('ann', `/api/v1/incidents/${id}/notes`, { body: { text: 'Patient zero is the CFO laptop' } });
    // Assigning oneself is no way in.
    expect((await api('bob', `/api/v1/incidents/${id}/assign`, { body: { role: 'triage', userId: 'bob' } })).status).toBe(404);
    for (const who of ['bob', 'dan']) {
      const list = await api(who, '/api/v1/incidents');
      const seen = (list.body.incidents as Incident[]).find((i) => i.id === id)!;
      expect(seen).toMatchObject({ confidential: true, summary: 'Confidential incident', source: '', dedupKey: '' });
      for (const status of ['open', 'triggered']) expect((await api(who, `/api/v1/incidents?status=${status}`)).text).not.toContain(SECRET);
      const detail = await api(who, `/api/v1/incidents/${id}`);
      expect(detail.body).toMatchObject({ timeline: [], alerts: [], pages: [] });
      expect(detail.text).not.toMatch(/Secret breach|edr-secret|CFO/);
      expect((await api(who, `/api/v1/incidents/${id}/need-to-know`)).status).toBe(404);
    }
    const asManager = await api('ann', `/api/v1/incidents/${id}`);
    expect(asManager.body.incident.summary).toBe(`${SECRET} rest-1`);
  });

  it('refuses every command on it to people who may not know it, through the API', async () => {
    const id = await confidentialIncident('rest-2');
    const refused: [string, string, unknown][] = [
      ['bob', 'acknowledge', {}],
      ['dan', 'resolve', {}],
      ['bob', 'dismiss', { reason: 'looks like noise' }],
      ['bob', 'verdict', { verdict: 'confirmed' }],
      ['bob', 'notes', { text: 'what is this?' }],
      ['dan', 'page', { userId: 'bob' }],
      ['dan', 'escalate', {}],
    ];
    for (const [who, path, body] of refused) {
      const answer = await api(who, `/api/v1/incidents/${id}/${path}`, { body });
      expect([path, answer.status, answer.text]).toEqual([path, 404, expect.not.stringContaining(SECRET)]);
    }
    const evidence = await fetch(`${relay.url}/api/v1/incidents/${id}/evidence?description=RAM%20dump&origin=host`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.cara}`, 'content-type': 'application/octet-stream' },
      body: 'bytes',
    });
    expect(evidence.status).toBe(404);
    // Nobody assigns themselves into it: bob is not on the list.
    expect((await api('bob', `/api/v1/incidents/${id}/assign`, { body: { role: 'triage', userId: 'bob' } })).status).toBe(404);
    const byManager = await api('ann', `/api/v1/incidents/${id}/assign`, { body: { role: 'triage', userId: 'bob' } });
    expect(byManager).toMatchObject({ status: 409, body: { field: 'userId', error: expect.stringContaining('need-to-know list') } });
    expect((await api('ann', `/api/v1/incidents/${id}`)).body.incident).toMatchObject({ status: 'triggered', triageAssignee: null });
  });

  it('lets managers keep the list, refuses others and bad input naming the field, and opens the incident to the people on it', async () => {
    const id = await confidentialIncident('rest-3');
    const path = `/api/v1/incidents/${id}/need-to-know`;
    expect((await api('bob', path, { body: { userId: 'bob' } })).status).toBe(403);
    expect((await api('bob', path, { method: 'PUT', body: { userIds: ['bob'] } })).status).toBe(403);
    expect((await api('dan', `${path}/dan`, { method: 'DELETE' })).status).toBe(403);
    expect(await api('ann', path, { body: { userId: 42 } })).toMatchObject({ status: 400, body: { field: 'userId' } });
    expect(await api('ann', path, { body: { userId: 'nobody' } })).toMatchObject({ status: 400, body: { field: 'userId' } });
    expect(await api('ann', path, { method: 'PUT', body: { userIds: ['bob', 'bob'] } })).toMatchObject({ status: 400, body: { field: 'userIds' } });
    const huge = Array.from({ length: 201 }, (_, i) => `u${i}`);
    expect(await api('ann', path, { method: 'PUT', body: { userIds: huge } })).toMatchObject({ status: 400, body: { field: 'userIds' } });
    expect((await api('ann', '/api/v1/incidents/nope/need-to-know', { body: { userId: 'bob' } })).status).toBe(404);

    const added = await api('ann', path, { body: { userId: 'bob' } });
    expect(added).toMatchObject({ status: 200, body: { incidentId: id, confidential: true, people: [{ userId: 'bob', name: 'Bob Example', addedBy: 'ann' }] } });
    expect((await api('bob', `/api/v1/incidents/${id}`)).body.incident.summary).toBe(`${SECRET} rest-3`);
    expect((await api('bob', path)).body.people.map((p: { userId: string }) => p.userId)).toEqual(['bob']);
    expect((await api('ann', `/api/v1/incidents/${id}/assign`, { body: { role: 'triage', userId: 'bob' } })).status).toBe(200);
    // An assignee stays on the list until unassigned.
    expect((await api('ann', `${path}/bob`, { method: 'DELETE' })).status).toBe(409);
    expect((await api('ann', path, { method: 'PUT', body: { userIds: ['bob', 'cara'] } })).body.people).toHaveLength(2);
    const timeline = (await api('ann', `/api/v1/incidents/${id}`)).body.timeline as { type: string; data: unknown }[];
    expect(timeline.filter((e) => e.type === 'need-to-know.changed').map((e) => e.data)).toEqual([
      { added: ['bob'], removed: [] },
      { added: ['cara'], removed: [] },
    ]);
    expect((await api('dan', `/api/v1/incidents/${id}`)).text).not.toContain(SECRET);
  });
});

describe('need-to-know on the console socket', () => {
  it('snapshots and fans out a confidential incident redacted, without its timeline or pages, to people who may not know it', async () => {
    const id = await confidentialIncident('socket-1');
    const dan = await consoleOf('dan');
    const ann = await consoleOf('ann');
    const heard: Record<string, string[]> = { dan: [], ann: [] };
    for (const [who, socket] of [['dan', dan], ['ann', ann]] as const) {
      socket.onAny((event: string, payload: unknown) => heard[who]!.push(`${event} ${JSON.stringify(payload)}`));
    }
    const snapshot = (await dan.emitWithAck('board:subscribe')) as CommandResult<BoardSnapshot>;
    await ann.emitWithAck('board:subscribe');
    expect(snapshot.ok).toBe(true);
    if (!snapshot.ok) return;
    expect(snapshot.value.incidents.find((i) => i.id === id)).toMatchObject({ summary: 'Confidential incident', source: '' });
    expect(JSON.stringify(snapshot.value)).not.toContain(SECRET);
    expect((snapshot.value.pages ?? []).filter((p) => p.incidentId === id)).toEqual([]);

    // A new alert folds into it, a note and a page land on its timeline: ann hears all, dan only that it changed.
    await trigger('socket-1');
    await api('ann', `/api/v1/incidents/${id}/notes`, { body: { text: 'Isolate the CFO laptop' } });
    await api('ann', `/api/v1/incidents/${id}/page`, { body: { userId: 'cara' } });
    await until(() => (heard.ann!.some((line) => line.includes('Isolate the CFO laptop')) ? true : undefined));
    await until(() => (heard.ann!.some((line) => line.startsWith('page:updated') && line.includes(id)) ? true : undefined));
    await until(() => (heard.dan!.some((line) => line.startsWith('incident:updated') && line.includes(id)) ? true : undefined));
    // Give dan's console the same time to hear anything more: ann's last event came after all of dan's would.
    await api('ann', `/api/v1/incidents/${id}/notes`, { body: { text: 'end marker' } });
    await until(() => (heard.ann!.some((line) => line.includes('end marker')) ? true : undefined));
    const danHeard = heard.dan!.filter((line) => line.includes(id));
    expect(danHeard.every((line) => line.startsWith('incident:updated'))).toBe(true);
    expect(danHeard.join('\n')).not.toMatch(/Secret breach|edr-secret|CFO/);
  });

  it('refuses console commands on it to people who may not know it', async () => {
    const id = await confidentialIncident('socket-2');
    const bob = await consoleOf('bob');
    for (const [event, command] of [
      ['incident:acknowledge', { incidentIds: [id] }],
      ['incident:resolve', { incidentIds: [id] }],
      ['incident:verdict', { incidentIds: [id], verdict: 'confirmed' }],
      ['incident:assign', { incidentIds: [id], role: 'triage', userId: 'bob' }],
    ] as const) {
      expect([event, await bob.emitWithAck(event, command)]).toEqual([event, { ok: false, error: expect.objectContaining({ code: 'not_found' }) }]);
    }
    expect((await api('ann', `/api/v1/incidents/${id}`)).body.incident).toMatchObject({ status: 'triggered', triageAssignee: null });
  });
});

describe('paging about a confidential incident', () => {
  let phone: TestPhone;

  it('carries only the redacted text on the phone, ntfy, webhook and e-mail, and in my pages', async () => {
    const id = await confidentialIncident('page-1');
    phone = await connectPhone(relay.url, tokens.dan!);
    closers.push(() => phone.close());
    const [ntfyBefore, hookBefore] = [ntfy.requests.length, webhook.requests.length];
    expect((await api('ann', `/api/v1/incidents/${id}/page`, { body: { userId: 'dan' } })).status).toBe(202);

    const pushed = await phone.waitForPage((p) => p.incidentId === id, 10_000);
    expect(pushed.summary).toBe(REDACTED);
    const published = await until(() => ntfy.requests.slice(ntfyBefore).find((r) => r.text.includes(id) || r.text.includes(REDACTED)));
    expect(JSON.parse(published.text).message).toBe(REDACTED);
    const hooked = await until(() => webhook.requests.slice(hookBefore).find((r) => r.text.includes(id)));
    expect(JSON.parse(hooked.text).page.summary).toBe(REDACTED);
    const mail = await smtp.waitFor((m) => m.to.includes('dan@example.com') && m.text.includes(REDACTED), 10_000);
    for (const text of [published.text, hooked.text, `${mail.subject}\n${mail.text}`, JSON.stringify(pushed)]) {
      expect(text).not.toMatch(/Secret breach|edr-secret/);
    }

    const mine = await api('dan', '/api/v1/me/pages');
    expect(mine.body.pages.filter((p: { incidentId: string }) => p.incidentId === id).map((p: { summary: string }) => p.summary)).toEqual([REDACTED]);
    expect(mine.text).not.toContain(SECRET);
  });

  it('lets the paged person acknowledge by phone and by action link, but not resolve it or read it', async () => {
    const id = await confidentialIncident('page-2');
    const ntfyBefore = ntfy.requests.length;
    await api('ann', `/api/v1/incidents/${id}/page`, { body: { userId: 'dan' } });
    const pushed = await phone.waitForPage((p) => p.incidentId === id, 10_000);
    // The ntfy page first: a read on the phone cancels the person's channels not sent yet.
    const published = await until(() => ntfy.requests.slice(ntfyBefore).find((r) => JSON.parse(r.text).message === REDACTED));
    expect(await phone.read(pushed.id)).toMatchObject({ ok: true });
    expect(await phone.socket.emitWithAck('incident:resolve', { incidentId: id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await api('dan', `/api/v1/incidents/${id}`)).text).not.toContain(SECRET);

    const acknowledge = (JSON.parse(published.text).actions as { url: string }[]).find((a) => /acknowledge/.test(a.url))!;
    expect((await fetch(acknowledge.url, { method: 'POST' })).status).toBe(200);
    expect((await api('ann', `/api/v1/incidents/${id}`)).body.incident.status).toBe('acknowledged');

    // Someone never paged about it cannot acknowledge or escalate it from a phone.
    const bobPhone = await connectPhone(relay.url, tokens.bob!);
    closers.push(() => bobPhone.close());
    const other = await confidentialIncident('page-3');
    expect(await bobPhone.socket.emitWithAck('incident:acknowledge', { incidentId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await bobPhone.socket.emitWithAck('incident:escalate', { incidentId: other })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });
});

describe('need-to-know on shared screens', () => {
  it('keeps confidential summaries off the wallboard, the metrics and the logs', async () => {
    await confidentialIncident('wall-1');
    const wall = await api('dan', '/api/v1/stats/wallboard');
    expect(wall.status).toBe(200);
    expect(wall.text).not.toMatch(/Secret breach|edr-secret/);
    const metrics = await (await fetch(`${relay.url}/metrics`)).text();
    expect(metrics).not.toMatch(/Secret breach|edr-secret/);
    // Nor do the relay's logs carry any summary.
    expect([...relay.stdout, ...relay.stderr].join('\n')).not.toMatch(/Secret breach|edr-secret/);
  });
});
