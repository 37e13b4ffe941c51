import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  for (const name of ['ann', 'bob', 'cara', 'dan']) {
    const response = await fetch(`${relay.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password: `change-me-${name}` }),
    });
    tokens[name] = ((await response.json()) as { token: string }).token;
  }
});
afterAll(async () => {
  await relay?.dispose();
});

const auth = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const postJson = (who: string, path: string, body: unknown) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(who) }, body: JSON.stringify(body) });

interface Detail {
  timeline: TimelineEvent[];
  pages: Page[];
  alerts: unknown[];
}

async function openIncident(dedupKey: string, severity = 'warning'): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Disk full on ${dedupKey}`, source: 'host-1', severity },
    }),
  });
  expect(response.status).toBe(202);
  const list = (await (await fetch(`${relay.url}/api/v1/incidents`, { headers: auth('ann') })).json()) as {
    incidents: { id: string; dedupKey: string }[];
  };
  return list.incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

async function detail(id: string, who = 'ann'): Promise<Detail> {
  const response = await fetch(`${relay.url}/api/v1/incidents/${id}`, { headers: auth(who) });
  expect(response.status).toBe(200);
  return (await response.json()) as Detail;
}

describe('the incident detail API', () => {
  it('lists the people for assignment pickers without their addresses', async () => {
    const response = await fetch(`${relay.url}/api/v1/users`, { headers: auth('dan') });
    const { users } = (await response.json()) as { users: Record<string, unknown>[] };
    expect(users.map((u) => u.id)).toEqual(expect.arrayContaining(['ann', 'bob', 'cara', 'dan']));
    expect(users.find((u) => u.id === 'cara')).toEqual({ id: 'cara', name: 'Cara Example', role: 'forensic-analyst' });
    expect(users.every((u) => !('email' in u))).toBe(true);
  });

  it('adds a note with its author to the timeline', async () => {
    const id = await openIncident('note-1');
    const response = await postJson('dan', `/api/v1/incidents/${id}/notes`, { text: 'Rebooted the host' });
    expect(response.status).toBe(201);
    const note = (await detail(id)).timeline.find((e) => e.type === 'note.added')!;
    expect(note.actor).toEqual({ type: 'user', id: 'dan' });
    expect(note.data).toEqual({ text: 'Rebooted the host' });
    expect((await postJson('dan', `/api/v1/incidents/${id}/notes`, { text: '  ' })).status).toBe(400);
  });

  it('records evidence with the SHA-256 of the bytes received, and only from people who handle evidence', async () => {
    const id = await openIncident('evidence-1');
    const file = Buffer.from('memory image bytes \u0000\u0001\u0002', 'utf8');
    const url = `${relay.url}/api/v1/incidents/${id}/evidence?description=${encodeURIComponent('RAM dump of host-1')}&origin=${encodeURIComponent('host-1 via winpmem')}&fileName=host-1.raw`;
    const refused = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...auth('bob') }, body: file });
    expect(refused.status).toBe(403);

    const stored = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/octet-stream', ...auth('cara') }, body: file });
    expect(stored.status).toBe(201);
    const evidence = (await detail(id)).timeline.filter((e) => e.type === 'evidence.added');
    expect(evidence).toHaveLength(1);
    expect(evidence[0]!.actor).toEqual({ type: 'user', id: 'cara' });
    expect(evidence[0]!.data).toEqual({
      description: 'RAM dump of host-1',
      origin: 'host-1 via winpmem',
      fileName: 'host-1.raw',
      size: file.byteLength,
      sha256: createHash('sha256').update(file).digest('hex'),
    });
  });

  it('takes evidence metadata from headers too, and refuses a missing description', async () => {
    const id = await openIncident('evidence-2');
    const headers = { 'content-type': 'application/octet-stream', ...auth('ann') };
    const missing = await fetch(`${relay.url}/api/v1/incidents/${id}/evidence`, { method: 'POST', headers, body: 'x' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { field: string }).field).toBe('description');
    const ok = await fetch(`${relay.url}/api/v1/incidents/${id}/evidence`, {
      method: 'POST',
      headers: { ...headers, 'x-evidence-description': encodeURIComponent('Firewall log, Nov'), 'x-evidence-origin': 'fw-1' },
      body: 'log line',
    });
    expect(ok.status).toBe(201);
  });

  it('pages a person through their notify rules and shows the pages in the detail', async () => {
    const id = await openIncident('page-1');
    const response = await postJson('bob', `/api/v1/incidents/${id}/page`, { userId: 'cara' });
    expect(response.status).toBe(202);
    const { pages, timeline } = await detail(id);
    expect(pages.filter((p) => p.userId === 'cara' && p.level === 0).map((p) => p.channel)).toEqual(['push']);
    const queued = timeline.find((e) => e.type === 'page.queued' && e.data.manual === true)!;
    expect(queued.actor).toEqual({ type: 'user', id: 'bob' });
    expect((await postJson('bob', `/api/v1/incidents/${id}/page`, { userId: 'nobody' })).status).toBe(400);
  });

  it('escalates now from the console and refuses a resolved incident', async () => {
    const id = await openIncident('escalate-1', 'critical');
    const response = await postJson('dan', `/api/v1/incidents/${id}/escalate`, {});
    expect(response.status).toBe(202);
    expect((await detail(id)).timeline.some((e) => e.type === 'escalation.level' && e.actor.id === 'dan')).toBe(true);
    await postJson('ann', `/api/v1/incidents/${id}/resolve`, {});
    expect((await postJson('dan', `/api/v1/incidents/${id}/escalate`, {})).status).toBe(409);
  });

  it('lets a manager mark an incident confidential: others then see it exists but not what it is about', async () => {
    const id = await openIncident('secret-host', 'critical');
    expect((await postJson('dan', `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(403);
    expect((await postJson('ann', `/api/v1/incidents/${id}/confidential`, { confidential: 'yes' })).status).toBe(400);
    expect((await postJson('ann', `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);

    const asResponder = (await (await fetch(`${relay.url}/api/v1/incidents/${id}`, { headers: auth('dan') })).json()) as {
      incident: { summary: string; confidential: boolean };
      timeline: unknown[];
    };
    expect(asResponder.incident).toMatchObject({ summary: 'Confidential incident', confidential: true });
    expect(asResponder.timeline).toEqual([]);
    const list = (await (await fetch(`${relay.url}/api/v1/incidents`, { headers: auth('dan') })).json()) as { incidents: { id: string; summary: string }[] };
    expect(list.incidents.find((i) => i.id === id)?.summary).toBe('Confidential incident');

    const asManager = await detail(id, 'ann');
    expect(asManager.timeline.find((e) => e.type === 'confidential.set')).toMatchObject({ actor: { id: 'ann' }, data: { confidential: true } });
  });
});
