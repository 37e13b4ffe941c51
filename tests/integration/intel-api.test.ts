import { rmSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/schemas/audit.js';
import type { Indicator, IntelImportResult } from '../../shared/schemas/intel.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { signInClient, type ScheduleClient } from '../support/schedule-client.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';

let relay: RelayProcess;
let rita: ScheduleClient; // threat-researcher
let bob: ScheduleClient; // triage-analyst
let ann: ScheduleClient; // ir-manager

beforeAll(async () => {
  const config = writeTestConfig((doc) => {
    doc.users!.push({ id: 'rita', name: 'Rita Researcher', email: 'rita@example.com', role: 'threat-researcher', password: 'change-me-rita' } as never);
    (doc as Record<string, unknown>).intel = { rules: [{ minConfidence: 70, tags: ['c2'], priority: 'high' }] };
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
  [rita, bob, ann] = await Promise.all([signInClient(relay.url, 'rita'), signInClient(relay.url, 'bob'), signInClient(relay.url, 'ann')]);
}, 60_000);
afterAll(async () => {
  const dir = relay?.dataDir;
  await relay?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Sends a raw body with its own content type. */
async function send(client: ScheduleClient, method: string, path: string, body: string | Buffer, contentType: string) {
  const answer = await fetch(`${relay.url}${path}`, { method, headers: { authorization: `Bearer ${client.token}`, 'content-type': contentType }, body });
  const text = await answer.text();
  return { status: answer.status, text, body: text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : null };
}

/**
 * Posts a body larger than the relay takes. The relay answers 413 from the declared length alone and
 * closes the connection, so the headers go first and the body only if no answer came meanwhile.
 */
function postHuge(client: ScheduleClient, path: string, body: Buffer, contentType: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${relay.url}${path}`, { method: 'POST', agent: false, headers: { authorization: `Bearer ${client.token}`, 'content-type': contentType, 'content-length': body.length } });
    let answered = false;
    req.on('response', (response) => {
      answered = true;
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    req.on('error', (error) => {
      if (!answered) reject(error);
    });
    req.flushHeaders();
    setTimeout(() => {
      if (!answered) req.end(body);
    }, 5000);
  });
}

async function download(client: ScheduleClient, format: 'stix' | 'csv') {
  const answer = await fetch(`${relay.url}/api/v1/intel/export?format=${format}`, { headers: { authorization: `Bearer ${client.token}` } });
  expect(answer.status).toBe(200);
  return { type: answer.headers.get('content-type'), text: await answer.text() };
}

const list = async (client: ScheduleClient, query = '') => ((await client.call('GET', `/api/v1/intel/indicators${query}`)).body as { indicators: Indicator[] }).indicators;

async function clearAll(): Promise<void> {
  for (const i of await list(rita)) expect((await rita.call('DELETE', `/api/v1/intel/indicators/${i.id}`)).status).toBe(204);
}

describe('threat-intelligence API', () => {
  it('lets a researcher add indicators with canonical values, refuses a duplicate, and audits the write', async () => {
    const created = await rita.call('POST', '/api/v1/intel/indicators', { type: 'domain', value: 'Evil.Example.', tags: ['Phish', 'phish'], confidence: 90, source: 'Feed A' });
    expect(created.status).toBe(201);
    const indicator = (created.body as { indicator: Indicator }).indicator;
    expect(indicator).toMatchObject({ type: 'domain', value: 'evil.example', tags: ['phish'], confidence: 90, createdBy: 'rita', visibility: 'team', incidentIds: [] });
    const again = await ann.call('POST', '/api/v1/intel/indicators', { type: 'domain', value: 'EVIL.example' });
    expect(again).toMatchObject({ status: 409, body: { field: 'value' } });
    const changed = await ann.call('PUT', `/api/v1/intel/indicators/${indicator.id}`, { type: 'domain', value: 'evil.example', notes: 'Lure site' });
    expect(changed.status).toBe(200);
    expect((changed.body as { indicator: Indicator }).indicator).toMatchObject({ notes: 'Lure site', createdBy: 'rita', confidence: 50 });
    const audit = (await ann.call('GET', '/api/v1/audit?subjectKind=indicator')).body as { events: AuditEntry[] };
    expect(audit.events.map((e) => e.action)).toEqual(expect.arrayContaining(['intel.created', 'intel.updated']));
    await clearAll();
  });

  it('refuses writes from an analyst, hides restricted indicators from them, and names bad fields', async () => {
    expect(await bob.call('POST', '/api/v1/intel/indicators', { type: 'ip', value: '203.0.113.9' })).toMatchObject({ status: 403 });
    const secret = (await rita.call('POST', '/api/v1/intel/indicators', { type: 'ip', value: '203.0.113.9', visibility: 'restricted', notes: 'Source: partner' })).body as { indicator: Indicator };
    await rita.call('POST', '/api/v1/intel/indicators', { type: 'hash', value: 'D41D8CD98F00B204E9800998ECF8427E' });
    expect((await list(bob)).map((i) => i.type)).toEqual(['hash']);
    expect((await list(ann)).map((i) => i.type)).toEqual(['hash', 'ip']);
    expect((await bob.call('GET', `/api/v1/intel/indicators/${secret.indicator.id}`)).status).toBe(404);
    expect(await bob.call('DELETE', `/api/v1/intel/indicators/${secret.indicator.id}`)).toMatchObject({ status: 403 });
    expect((await download(bob, 'csv')).text).not.toContain('203.0.113.9');
    expect(await rita.call('POST', '/api/v1/intel/indicators', { type: 'ip', value: '999.1.1.1' })).toMatchObject({ status: 400, body: { field: 'value' } });
    expect(await rita.call('POST', '/api/v1/intel/indicators', { type: 'cve', value: 'CVE-24-1' })).toMatchObject({ status: 400, body: { field: 'value' } });
    expect(await rita.call('POST', '/api/v1/intel/indicators', { type: 'ip', value: '192.0.2.1', confidence: 101 })).toMatchObject({ status: 400, body: { field: 'confidence' } });
    expect(await rita.call('POST', '/api/v1/intel/indicators', { type: 'ip', value: '192.0.2.1', incidentIds: ['nope'] })).toMatchObject({ status: 400, body: { field: 'incidentIds.0' } });
    expect(await rita.call('GET', '/api/v1/intel/indicators?kind=ip')).toMatchObject({ status: 400 });
    expect(await send(bob, 'POST', '/api/v1/intel/import', 'type,value\r\nip,192.0.2.1\r\n', 'text/csv')).toMatchObject({ status: 403 });
    await clearAll();
  });

  it('refuses an import over 10 MB with 413', async () => {
    const huge = Buffer.from(`type,value\r\n${'text,aaaa\r\n'.repeat(1_100_000)}`);
    expect(await postHuge(rita, '/api/v1/intel/import', huge, 'text/csv')).toBe(413);
    expect(await postHuge(rita, '/api/v1/intel/import', huge, 'application/json')).toBe(413);
  });

  it('refuses a malformed bundle with the path of every bad object and writes nothing', async () => {
    const good = { type: 'indicator', spec_version: '2.1', id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f', created: '2030-01-01T00:00:00.000Z', modified: '2030-01-01T00:00:00.000Z', pattern: "[ipv4-addr:value = '198.51.100.3']", pattern_type: 'stix', valid_from: '2030-01-01T00:00:00.000Z' };
    const bundle = {
      type: 'bundle',
      id: 'bundle--5d0092c5-5f74-4287-9642-33f4c354e56d',
      objects: [
        good,
        { type: 'identity', spec_version: '2.1', id: 'identity--1', name: 'ignored' },
        { ...good, id: 'indicator--0a8f1f3c-4f39-4a26-8a50-2f0b6c1e2d11', pattern: "[ipv4-addr:value = '300.1.1.1']" },
        { ...good, id: 'indicator--0a8f1f3c-4f39-4a26-8a50-2f0b6c1e2d12', pattern: "[process:name = 'x'] AND [file:name = 'y']" },
        { ...good, id: 'indicator--0a8f1f3c-4f39-4a26-8a50-2f0b6c1e2d13', confidence: 'high' },
        { ...good, id: 'not-an-id', pattern: "[domain-name:value = 'ok.example']" },
      ],
    };
    const answer = await send(rita, 'POST', '/api/v1/intel/import', JSON.stringify(bundle), 'application/stix+json');
    expect(answer.status).toBe(400);
    const result = answer.body as unknown as IntelImportResult;
    expect(result.imported).toBe(0);
    expect(result.errors.map((e) => e.path)).toEqual(['objects[2].pattern', 'objects[3].pattern', 'objects[4].confidence', 'objects[5].id']);
    expect(await list(rita)).toEqual([]);
    const csv = await send(rita, 'POST', '/api/v1/intel/import', 'type,value,confidence\r\nip,192.0.2.1,50\r\ndomain,bad_domain,50\r\nhash,abc,7\r\n', 'text/csv');
    expect(csv.status).toBe(400);
    expect((csv.body as unknown as IntelImportResult).errors.map((e) => e.path)).toEqual(['row 3: value', 'row 4: value']);
    expect(await list(rita)).toEqual([]);
    expect((await send(rita, 'POST', '/api/v1/intel/import', '{"type":"bundle",', 'application/json')).status).toBe(400);
  });

  it('exports a bundle that imports back unchanged into an empty database, and CSV the same way', async () => {
    const inputs = [
      { type: 'ip', value: '2001:DB8:0:0:0:0:0:1', tags: ['c2'], confidence: 80, source: 'Feed A', expiresAt: '2099-01-01T00:00:00.000Z', notes: "It's \\ quoted" },
      { type: 'cidr', value: '198.51.100.77/24', visibility: 'restricted' },
      { type: 'domain', value: 'bücher.example' },
      { type: 'url', value: 'HTTP://Evil.Example/path?q=1' },
      { type: 'email', value: 'Boss@Evil.Example' },
      { type: 'hash', value: 'a'.repeat(64) },
      { type: 'hash', value: 'b'.repeat(40) },
      { type: 'cve', value: 'cve-2024-3094', tags: ['xz'], firstSeenAt: '2024-03-29T00:00:00.000Z' },
      { type: 'text', value: 'Ransom  (note).txt-v2', notes: 'line one\nline two, "quoted"' },
    ];
    for (const input of inputs) expect((await rita.call('POST', '/api/v1/intel/indicators', input)).status).toBe(201);
    const first = await download(rita, 'stix');
    expect(first.type).toContain('application/stix+json');
    const firstCsv = await download(rita, 'csv');
    const bundle = JSON.parse(first.text) as { type: string; objects: Record<string, unknown>[] };
    expect(bundle.objects.map((o) => o.type).sort()).toEqual([...Array<string>(8).fill('indicator'), 'vulnerability'].sort());
    expect(bundle.objects.find((o) => o.type === 'indicator' && String(o.pattern).startsWith('[ipv6-addr'))?.pattern).toBe("[ipv6-addr:value = '2001:db8::1']");
    expect(bundle.objects.some((o) => o.pattern === "[file:hashes.'SHA-256' = '" + 'a'.repeat(64) + "']")).toBe(true);

    await clearAll();
    const imported = await send(rita, 'POST', '/api/v1/intel/import', first.text, 'application/json');
    expect(imported.status).toBe(200);
    expect(imported.body).toMatchObject({ imported: 9, updated: 0, errors: [] });
    const second = JSON.parse((await download(rita, 'stix')).text) as { objects: unknown[] };
    expect(second.objects).toEqual(bundle.objects);

    await clearAll();
    const fromCsv = await send(rita, 'POST', '/api/v1/intel/import', firstCsv.text, 'text/csv');
    expect(fromCsv.body).toMatchObject({ imported: 9, errors: [] });
    expect((await download(rita, 'csv')).text).toBe(firstCsv.text);
    const again = await send(rita, 'POST', '/api/v1/intel/import', firstCsv.text, 'text/csv; charset=utf-8');
    expect(again.body).toMatchObject({ imported: 0, updated: 9 });
    expect((await download(rita, 'csv')).text).toBe(firstCsv.text);
  });
});

describe('matching on ingest', () => {
  async function trigger(dedupKey: string, severity: string, details: Record<string, unknown>): Promise<{ incident: Incident; timeline: TimelineEvent[] }> {
    const response = await fetch(`${relay.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: `Beacon from host ${dedupKey}`, source: 'edr', severity, custom_details: details } }),
    });
    expect(response.status).toBe(202);
    const { body } = await bob.call('GET', '/api/v1/incidents');
    const found = (body as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === dedupKey)!;
    return (await bob.call('GET', `/api/v1/incidents/${found.id}`)).body as { incident: Incident; timeline: TimelineEvent[] };
  }

  it('flags an incident whose alert carries a live indicator, raises its priority by rule, links it, and hides a restricted value', async () => {
    await clearAll();
    const c2 = (await rita.call('POST', '/api/v1/intel/indicators', { type: 'cidr', value: '203.0.113.0/24', tags: ['c2'], confidence: 90 })).body as { indicator: Indicator };
    await rita.call('POST', '/api/v1/intel/indicators', { type: 'text', value: 'Cobalt Strike', visibility: 'restricted', confidence: 40 });
    await rita.call('POST', '/api/v1/intel/indicators', { type: 'domain', value: 'expired.example', expiresAt: '2020-01-02T00:00:00Z', firstSeenAt: '2020-01-01T00:00:00Z' });
    const { incident, timeline } = await trigger('intel-1', 'info', { ip: '203.0.113.45', note: 'looks like COBALT  strike', site: 'https://expired.example/x' });
    expect(incident).toMatchObject({ intelMatches: 2, priority: 'high' });
    const matched = timeline.find((e) => e.type === 'intel.matched')!;
    const matches = (matched.data.matches as { indicatorId: string; value: string | null; field: string }[]).sort((a, b) => a.field.localeCompare(b.field));
    expect(matches).toMatchObject([
      { indicatorId: c2.indicator.id, value: '203.0.113.0/24', field: 'payload.payload.custom_details.ip' },
      { value: null, field: 'payload.payload.custom_details.note' },
    ]);
    expect(timeline.find((e) => e.type === 'incident.opened')?.data).toMatchObject({ priority: 'high', rule: 'intel#1' });
    const linked = (await rita.call('GET', `/api/v1/intel/indicators/${c2.indicator.id}`)).body as { indicator: Indicator };
    expect(linked.indicator.incidentIds).toEqual([incident.id]);

    const plain = await trigger('intel-2', 'info', { ip: '198.51.100.1' });
    expect(plain.incident.intelMatches).toBeUndefined();
    expect(plain.incident.priority).not.toBe('high');
    expect(plain.timeline.some((e) => e.type === 'intel.matched')).toBe(false);
  });
});
