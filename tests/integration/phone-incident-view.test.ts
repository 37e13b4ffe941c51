import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { PhoneIncidentView } from '../../shared/schemas/phone-incident-view.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';

const RUNBOOK = '# Core switch\n1. Check the **uplink** on [the dashboard](https://grafana.example/d/core)\n2. <script>alert(1)</script> [bad](javascript:alert(1))';
let relay: RelayProcess;
const login_: Record<string, string> = {};
const device: Record<string, { token: string; id: string }> = {};
const sockets: Socket[] = [];

beforeAll(async () => {
  const config = writeTestConfig((doc) => {
    fastEscalationPolicy(doc, ['1h', '1h']);
    doc.services!.find((s) => s.id === 'rmm')!.runbook = RUNBOOK;
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
  for (const name of ['ann', 'bob', 'dan']) {
    login_[name] = await login(relay.url, name, `change-me-${name}`);
    const response = await fetch(`${relay.url}/api/v1/devices`, {
      method: 'POST',
      headers: { authorization: `Bearer ${login_[name]}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: `${name}'s phone` }),
    });
    const body = (await response.json()) as { token: string; device: { id: string } };
    device[name] = { token: body.token, id: body.device.id };
  }
}, 60_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await relay?.dispose();
});

const call = async (token: string | undefined, path: string, body?: unknown) => {
  const response = await fetch(`${relay.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as any };
};
const view = async (token: string, id: string): Promise<PhoneIncidentView> => {
  const answer = await call(token, `/api/v1/phone/incidents/${encodeURIComponent(id)}`);
  expect(answer.status).toBe(200);
  return answer.body.view as PhoneIncidentView;
};

async function trigger(dedupKey: string, extra: Record<string, unknown> = {}): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: `Core switch down ${dedupKey}`, source: 'sw-core-1', severity: 'critical', custom_details: { port: 'Gi0/1', 'packet loss': '100%' } },
      links: [{ href: 'https://grafana.example/d/sw', text: 'Switch dashboard' }, { href: 'javascript:alert(1)', text: 'evil' }],
      ...extra,
    }),
  });
  expect(response.status).toBe(202);
  const { body } = await call(login_.ann, '/api/v1/incidents?status=open');
  return (body.incidents as Incident[]).find((i) => i.dedupKey === dedupKey)!.id;
}

describe('the phone incident view (real relay)', () => {
  it('gives a paged phone what it needs to act: fields, links, runbook, who was paged, the countdown', async () => {
    const id = await trigger('view-1');
    const v = await view(device.bob!.token, id);
    expect(v).toMatchObject({ restricted: false, summary: 'Core switch down view-1', serviceName: 'RMM alerts', source: 'sw-core-1', priority: 'high', status: 'triggered' });
    expect(v.fields).toEqual([
      { key: 'port', value: 'Gi0/1' },
      { key: 'packet loss', value: '100%' },
    ]);
    // The javascript: link never got past ingest (only http(s) links are stored).
    expect(v.links).toEqual([{ text: 'Switch dashboard', href: 'https://grafana.example/d/sw' }]);
    expect(v.runbook).toEqual({ kind: 'markdown', text: RUNBOOK });
    expect(v.paged).toEqual([expect.objectContaining({ userId: 'bob', name: expect.any(String), channel: 'push', level: 0 })]);
    expect(v.outlook).toMatchObject({ kind: 'countdown', level: 0, next: { kind: 'level', level: 1 } });
    expect(Date.parse((v.outlook as { at: string }).at) - Date.parse(v.now)).toBeGreaterThan(3_500_000);
    // A login token sees the same view.
    expect((await view(login_.bob!, id)).fields).toEqual(v.fields);
  });

  it("serves the service's runbook on the services API too", async () => {
    const { status, body } = await call(login_.bob, '/api/v1/services');
    expect(status).toBe(200);
    expect(body.services.find((s: { id: string }) => s.id === 'rmm').runbook).toBe(RUNBOOK);
  });

  it('adds notes from the phone as the person, and shows them', async () => {
    const id = await trigger('view-notes');
    const added = await call(device.bob!.token, `/api/v1/incidents/${id}/notes`, { text: 'On my way to the rack' });
    expect(added.status).toBe(201);
    const v = await view(device.dan!.token, id);
    expect(v.notes).toEqual([expect.objectContaining({ authorId: 'bob', text: 'On my way to the rack' })]);
    expect(v.notes[0]!.authorName).not.toBe('bob');
  });

  it('refuses a huge or empty note naming the field, and writes nothing', async () => {
    const id = await trigger('view-huge');
    for (const text of ['x'.repeat(10_001), '   ']) {
      const answer = await call(device.bob!.token, `/api/v1/incidents/${id}/notes`, { text });
      expect(answer.status).toBe(400);
      expect(answer.body.field).toBe('text');
    }
    expect((await call(device.bob!.token, `/api/v1/incidents/${id}/notes`, { note: 'wrong field' })).status).toBe(400);
    expect((await view(device.bob!.token, id)).notes).toEqual([]);
  });

  it('shows a confidential incident only as "Confidential incident on <service>" to a phone that may not know it', async () => {
    const id = await trigger('view-secret');
    expect((await call(login_.ann, `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);
    const v = await view(device.dan!.token, id);
    expect(v).toMatchObject({ restricted: true, summary: 'Confidential incident on RMM alerts', source: '', fields: [], links: [], runbook: null, notes: [], paged: [] });
    expect(JSON.stringify(v)).not.toMatch(/Core switch|sw-core-1|Gi0\/1|grafana/);
    // Nor can dan write on it: it answers as if it did not exist.
    expect((await call(device.dan!.token, `/api/v1/incidents/${id}/notes`, { text: 'peek' })).status).toBe(404);
    // A manager sees it whole.
    expect((await view(device.ann!.token, id)).restricted).toBe(false);
  });

  it('refuses no token, a revoked device token, an unknown and a malformed incident id', async () => {
    const id = await trigger('view-misuse');
    expect((await call(undefined, `/api/v1/phone/incidents/${id}`)).status).toBe(401);
    expect((await call('kxd_forged', `/api/v1/phone/incidents/${id}`)).status).toBe(401);
    const unknown = await call(device.bob!.token, '/api/v1/phone/incidents/no-such-incident');
    expect(unknown.status).toBe(404);
    // Fastify matches no route for a path parameter over 100 characters: 414, the not-found
    // handler's 404 when the built console is served, or 403 for a device token on an unmatched
    // route; either way the route never runs.
    const long = await call(device.bob!.token, `/api/v1/phone/incidents/${'x'.repeat(101)}`);
    expect([403, 404, 414]).toContain(long.status);
    expect(long.body?.view).toBeUndefined();

    const spare = await call(login_.dan, '/api/v1/devices', { name: 'spare phone' });
    expect((await call(spare.body.token, `/api/v1/phone/incidents/${id}`)).status).toBe(200);
    const revoked = await fetch(`${relay.url}/api/v1/devices/${spare.body.device.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${login_.dan}` } });
    expect(revoked.status).toBe(200);
    expect((await call(spare.body.token, `/api/v1/phone/incidents/${id}`)).status).toBe(401);
  });

  it('tells a phone watching a confidential incident it may not know only of changes to the incident, never of notes or pages', async () => {
    const id = await trigger('view-watch-secret');
    expect((await call(login_.ann, `/api/v1/incidents/${id}/confidential`, { confidential: true })).status).toBe(200);
    const socket = connect(`${relay.url}/device`, { auth: { token: device.dan!.token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const watch = () => new Promise<{ ok: boolean }>((resolve) => socket.emit('incident:watch', { incidentId: id }, resolve));
    expect(await watch()).toEqual({ ok: true });
    const changed: unknown[] = [];
    socket.on('incident:changed', (change: unknown) => changed.push(change));

    expect((await call(login_.ann, `/api/v1/incidents/${id}/notes`, { text: 'patient zero found' })).status).toBe(201);
    // The note was published before its 201; one more round trip on the same socket comes after
    // anything the relay sent it about the note.
    expect(await watch()).toEqual({ ok: true });
    expect(changed).toEqual([]);

    // A change of the incident itself (its state) still reaches it, as on the console's limited board.
    expect((await call(login_.ann, `/api/v1/incidents/${id}/acknowledge`, {})).status).toBe(200);
    await expect.poll(() => changed.length, { timeout: 10_000 }).toBeGreaterThan(0);
  });

  it('tells a watching phone when the incident, its timeline or its pages change (ids only)', async () => {
    const id = await trigger('view-live');
    const socket = connect(`${relay.url}/device`, { auth: { token: device.dan!.token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const watch = (incidentId: unknown) => new Promise<{ ok: boolean; error?: { field?: string } }>((resolve) => socket.emit('incident:watch', { incidentId }, resolve));
    expect(await watch(123)).toMatchObject({ ok: false, error: { field: 'incidentId' } });
    expect(await watch('x'.repeat(500))).toMatchObject({ ok: false, error: { field: 'incidentId' } });
    expect(await watch('no-such-incident')).toMatchObject({ ok: false });
    expect(await watch(id)).toEqual({ ok: true });

    const changed: unknown[] = [];
    socket.on('incident:changed', (change: unknown) => changed.push(change));
    expect((await call(login_.bob, `/api/v1/incidents/${id}/notes`, { text: 'looking' })).status).toBe(201);
    await expect.poll(() => changed.length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect(changed.every((c) => JSON.stringify(c) === JSON.stringify({ incidentId: id }))).toBe(true);

    // After it stops watching, changes to the incident no longer reach it.
    expect(await watch(null)).toEqual({ ok: true });
    const before = changed.length;
    expect((await call(login_.ann, `/api/v1/incidents/${id}/acknowledge`, {})).status).toBe(200);
    const other = await trigger('view-live-other');
    expect(await watch(other)).toEqual({ ok: true });
    expect((await call(login_.bob, `/api/v1/incidents/${other}/notes`, { text: 'other' })).status).toBe(201);
    await expect.poll(() => changed.length, { timeout: 10_000 }).toBeGreaterThan(before);
    expect(changed.slice(before).every((c) => JSON.stringify(c) === JSON.stringify({ incidentId: other }))).toBe(true);
  });
});
