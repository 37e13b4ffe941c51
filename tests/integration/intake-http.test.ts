import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPayload, loadPayloadText } from '../fixtures/payloads/load-payload.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { GRAFANA_SECRET, KEYS, writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess;
let managerToken: string;
let responderToken: string;

interface Incident {
  id: string;
  dedupKey: string;
  status: string;
  priority: string;
  alertCount: number;
  externalRef: string | null;
  summary: string;
}

beforeAll(async () => {
  relay = await startRelayProcess({
    // A small burst so the flood test floods quickly; other keys have their own buckets.
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_INGEST_RATE: '600', KLAXON_INGEST_BURST: '40' },
  });
  managerToken = await login('ann', 'change-me-ann');
  responderToken = await login('dan', 'change-me-dan');
});
afterAll(() => relay?.dispose());

async function login(username: string, password: string): Promise<string> {
  const response = await post('/api/v1/auth/login', { username, password });
  expect(response.status).toBe(200);
  return ((await response.json()) as { token: string }).token;
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body),
  });
}

async function incidents(status = 'open'): Promise<Incident[]> {
  const response = await fetch(`${relay.url}/api/v1/incidents?status=${status}&limit=1000`, {
    headers: { authorization: `Bearer ${managerToken}` },
  });
  return ((await response.json()) as { incidents: Incident[] }).incidents;
}

async function byDedupKey(dedupKey: string, status = 'open'): Promise<Incident | undefined> {
  return (await incidents(status)).find((i) => i.dedupKey === dedupKey);
}

// Tests reshape fixtures freely (including into wrong shapes), so the event is untyped on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Loose = Record<string, any>;

function pagerDuty(name: string, edit: (event: Loose) => void = () => {}): Loose {
  const event = loadPayload(name) as Loose;
  event.routing_key = KEYS.eventsV2;
  edit(event);
  return event;
}

describe('PagerDuty Events API v2 at /v2/enqueue', () => {
  it('takes PagerDuty’s own trigger, acknowledge and resolve examples, answering as PagerDuty does', async () => {
    const dedup = `pd-${Date.now()}`;
    const trigger = await post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => (e.dedup_key = dedup)));
    expect(trigger.status).toBe(202);
    expect(await trigger.json()).toEqual({ status: 'success', message: 'Event processed', dedup_key: dedup });
    expect(await byDedupKey(dedup)).toMatchObject({ status: 'triggered', summary: 'Example alert on host1.example.com' });

    const ack = await post('/v2/enqueue', pagerDuty('pagerduty-acknowledge', (e) => (e.dedup_key = dedup)));
    expect(ack.status).toBe(202);
    expect((await byDedupKey(dedup))?.status).toBe('acknowledged');

    const resolve = await post('/v2/enqueue', pagerDuty('pagerduty-resolve', (e) => (e.dedup_key = dedup)));
    expect(resolve.status).toBe(202);
    expect(await byDedupKey(dedup)).toBeUndefined();
    expect((await byDedupKey(dedup, 'resolved'))?.status).toBe('resolved');
  });

  it('makes and returns a dedup key when the trigger has none', async () => {
    const response = await post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => delete e.dedup_key));
    expect(response.status).toBe(202);
    const body = (await response.json()) as { dedup_key: string };
    expect(body.dedup_key).toMatch(/^[0-9a-f]{32}$/);
    expect(await byDedupKey(body.dedup_key)).toBeDefined();
  });

  it('folds three triggers into one incident; after resolve, a trigger opens a new one', async () => {
    const dedup = `fold-${Date.now()}`;
    const event = pagerDuty('pagerduty-trigger', (e) => (e.dedup_key = dedup));
    for (let i = 0; i < 3; i++) expect((await post('/v2/enqueue', event)).status).toBe(202);
    const first = await byDedupKey(dedup);
    expect(first?.alertCount).toBe(3);
    await post('/v2/enqueue', { routing_key: KEYS.eventsV2, event_action: 'resolve', dedup_key: dedup });
    await post('/v2/enqueue', event);
    const second = await byDedupKey(dedup);
    expect(second?.alertCount).toBe(1);
    expect(second?.id).not.toBe(first?.id);
  });

  it('answers bad events with 400 "invalid event" naming each wrong field', async () => {
    const wrong = await post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => (e.payload.severity = 'apocalyptic')));
    expect(wrong.status).toBe(400);
    const body = (await wrong.json()) as { status: string; errors: string[] };
    expect(body.status).toBe('invalid event');
    expect(body.errors.join()).toContain('payload.severity');

    const missing = await post('/v2/enqueue', { routing_key: KEYS.eventsV2, event_action: 'trigger' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { errors: string[] }).errors.join()).toContain('payload');

    const types = await post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => (e.payload.summary = 42)));
    expect(((await types.json()) as { errors: string[] }).errors.join()).toContain('payload.summary');

    const malformed = await post('/v2/enqueue', '{"routing_key": "x", ');
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ status: 'invalid event', errors: ['the body is not valid JSON'] });

    const unknownKey = await post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => (e.routing_key = 'nosuchkey0000000')));
    expect(unknownKey.status).toBe(400);
    expect(((await unknownKey.json()) as { errors: string[] }).errors.join()).toContain('routing_key');
  });

  // A relay that answers before reading the body and then closes resets the connection under a sender
  // still writing: the sender sees EPIPE/ECONNRESET instead of the answer (about 60 % of 3 MB posts did).
  it('lets a sender still sending an oversized body read the 413 instead of a reset connection', async () => {
    const body = Buffer.from(JSON.stringify(pagerDuty('pagerduty-trigger', (e) => (e.payload.custom_details = { blob: 'x'.repeat(6 * 1024 * 1024) }))));
    for (let i = 0; i < 20; i++) {
      const answer = await post('/v2/enqueue', body);
      expect(answer.status).toBe(413);
      expect(await answer.json()).toMatchObject({ status: 'invalid event', message: 'Request entity too large' });
    }
  });

  it('lets a sender refused before its body was read (no token) read the answer', async () => {
    const body = Buffer.alloc(6 * 1024 * 1024, 0x20);
    for (let i = 0; i < 20; i++) expect((await post('/api/v1/incidents/nope/acknowledge', body)).status).toBe(401);
  });

  it('refuses invalid UTF-8 and bodies over 512 KB', async () => {
    const text = JSON.stringify(pagerDuty('pagerduty-trigger'));
    const bytes = Buffer.concat([Buffer.from(text.slice(0, 40)), Buffer.from([0xc3, 0x28]), Buffer.from(text.slice(40))]);
    const invalid = await post('/v2/enqueue', new Uint8Array(bytes));
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { errors: string[] }).errors).toEqual(['the body is not valid UTF-8']);

    const huge = pagerDuty('pagerduty-trigger', (e) => (e.payload.custom_details = { blob: 'x'.repeat(600 * 1024) }));
    const tooLarge = await post('/v2/enqueue', huge);
    expect(tooLarge.status).toBe(413);
  });

  it('lets a manager change an incident’s priority from the API, on the timeline; not a responder', async () => {
    const dedup = `prio-${Date.now()}`;
    await post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => (e.dedup_key = dedup)));
    const incident = (await byDedupKey(dedup))!;
    const refused = await post(`/api/v1/incidents/${incident.id}/priority`, { priority: 'high' }, { authorization: `Bearer ${responderToken}` });
    expect(refused.status).toBe(403);
    const changed = await post(`/api/v1/incidents/${incident.id}/priority`, { priority: 'high' }, { authorization: `Bearer ${managerToken}` });
    expect(changed.status).toBe(200);
    const bad = await post(`/api/v1/incidents/${incident.id}/priority`, { priority: 'urgent' }, { authorization: `Bearer ${managerToken}` });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { field: string }).field).toBe('priority');
    const detail = (await (
      await fetch(`${relay.url}/api/v1/incidents/${incident.id}`, { headers: { authorization: `Bearer ${managerToken}` } })
    ).json()) as { incident: Incident; timeline: { type: string; actor: { id: string }; data: Record<string, unknown> }[] };
    expect(detail.incident.priority).toBe('high');
    expect(detail.timeline.find((e) => e.type === 'priority.set')).toMatchObject({ actor: { id: 'ann' }, data: { priority: 'high', previous: 'low' } });
  });
});

describe('webhook integrations', () => {
  it('takes Alertmanager’s firing and resolved webhooks, folding by fingerprint', async () => {
    const firing = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, loadPayload('alertmanager-firing'));
    expect(firing.status).toBe(200);
    const fired = (await firing.json()) as { alerts: { dedupKey: string; outcome: string }[] };
    expect(fired.alerts.length).toBeGreaterThan(0);
    expect(fired.alerts.every((a) => a.outcome === 'opened' || a.outcome === 'folded')).toBe(true);
    const keys = fired.alerts.map((a) => a.dedupKey);
    for (const key of keys) expect(await byDedupKey(key)).toBeDefined();

    const resolved = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, loadPayload('alertmanager-resolved'));
    expect(resolved.status).toBe(200);
    for (const key of keys) expect(await byDedupKey(key)).toBeUndefined();
  });

  it('takes Grafana’s webhook, and checks the HMAC signature where the integration has a secret', async () => {
    const firing = loadPayloadText('grafana-firing');
    expect((await post(`/integrations/grafana/${KEYS.grafana}`, firing)).status).toBe(200);
    const signature = createHmac('sha256', GRAFANA_SECRET).update(firing).digest('hex');
    const signed = await post(`/integrations/grafana/${KEYS.grafanaSigned}`, firing, { 'x-grafana-alerting-signature': signature });
    expect(signed.status).toBe(200);
    const forged = await post(`/integrations/grafana/${KEYS.grafanaSigned}`, firing, { 'x-grafana-alerting-signature': '00'.repeat(32) });
    expect(forged.status).toBe(401);
    expect((await post(`/integrations/grafana/${KEYS.grafana}`, loadPayloadText('grafana-resolved'))).status).toBe(200);
  });

  it('links ConnectWise tickets to incidents and resolves when the ticket closes', async () => {
    const added = await post(`/integrations/connectwise/${KEYS.connectwise}`, loadPayload('connectwise-ticket-added'));
    expect(added.status).toBe(200);
    const incident = await byDedupKey('cw-ticket-287451');
    expect(incident).toMatchObject({ externalRef: '287451', summary: 'Exchange server EXCH01 not sending mail' });
    const closed = await post(`/integrations/connectwise/${KEYS.connectwise}`, loadPayload('connectwise-ticket-closed'));
    expect(closed.status).toBe(200);
    expect(await byDedupKey('cw-ticket-287451')).toBeUndefined();
  });

  it('maps a generic JSON webhook with the integration’s picks', async () => {
    const response = await post(`/integrations/webhook/${KEYS.webhook}`, { id: 'job-42', title: 'Backup job 42 failed', level: 'error' });
    expect(response.status).toBe(200);
    expect(await byDedupKey('job-42')).toMatchObject({ summary: 'Backup job 42 failed', priority: 'high' });
    const missing = await post(`/integrations/webhook/${KEYS.webhook}`, { id: 'job-43' });
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { field: string }).field).toBe('$.title');
  });

  it('answers 404 for an unknown key and 400 naming the field for a wrong body', async () => {
    expect((await post('/integrations/alertmanager/no-such-key', loadPayload('alertmanager-firing'))).status).toBe(404);
    // A key of another integration type opens nothing here either.
    expect((await post(`/integrations/alertmanager/${KEYS.grafana}`, loadPayload('alertmanager-firing'))).status).toBe(404);
    const wrong = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, { ...(loadPayload('alertmanager-firing') as object), alerts: [{ status: 'burning' }] });
    expect(wrong.status).toBe(400);
    expect(((await wrong.json()) as { field: string }).field).toMatch(/^alerts\[0\]/);
  });
});

describe('a flood on one key', () => {
  it('answers 429 with Retry-After past the limit, keeps serving, and stores a valid alert sent meanwhile', async () => {
    const flood = Array.from({ length: 80 }, (_, i) =>
      post('/v2/enqueue', pagerDuty('pagerduty-trigger', (e) => (e.dedup_key = `flood-${i % 5}`))),
    );
    const middle = post('/v2/enqueue', {
      routing_key: KEYS.eventsV2Other,
      event_action: 'trigger',
      dedup_key: 'during-the-flood',
      payload: { summary: 'Replica lag on db2', source: 'db2', severity: 'error' },
    });
    const answers = await Promise.all(flood);
    const limited = answers.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await limited[0]!.json()).toMatchObject({ status: 'throttle event' });
    expect(answers.every((r) => r.status === 202 || r.status === 429)).toBe(true);
    expect((await middle).status).toBe(202);
    expect((await fetch(`${relay.url}/health`)).status).toBe(200);
    expect(await byDedupKey('during-the-flood')).toMatchObject({ summary: 'Replica lag on db2' });
  });

  it('counts alerts per integration and outcome in /metrics', async () => {
    const text = await (await fetch(`${relay.url}/metrics`)).text();
    expect(text).toMatch(/klaxon_alerts_received_total\{integration="events-v2",outcome="accepted"\} [1-9]/);
    expect(text).toMatch(/klaxon_alerts_received_total\{integration="events-v2",outcome="rate_limited"\} [1-9]/);
    expect(text).toMatch(/klaxon_alerts_received_total\{integration="events-v2",outcome="invalid"\} [1-9]/);
    expect(text).toMatch(/klaxon_alerts_received_total\{integration="alertmanager",outcome="unauthorised"\} [1-9]/);
    expect(text).toMatch(/klaxon_incidents_opened_total\{priority="high"\} [1-9]/);
    expect(text).toMatch(/klaxon_dedup_hits_total [1-9]/);
  });
});
