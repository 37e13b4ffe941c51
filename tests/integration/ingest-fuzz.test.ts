import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Generated payloads thrown at every HTTP ingest parser of a real relay: bad input is never a 5xx and
// never ends the process, and the valid alerts sent between the garbage are all stored (each route's
// valid alerts fold into one incident, whose alert count the API reports). Seeded, fixed run counts.

const SEED = 20261130;
const RUNS = 40;

let relay: RelayProcess;
let token: string;

beforeAll(async () => {
  relay = await startRelayProcess({
    // The rate limit is not what this suite tests.
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_INGEST_RATE: '1000000', KLAXON_INGEST_BURST: '1000000' },
  });
  const login = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
  });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(() => relay?.dispose());

/** A body as the generators make it: a JSON value (sent as JSON) or raw bytes (sent as they are). */
type Body = { json: unknown } | { raw: Uint8Array };

async function send(path: string, body: Body): Promise<number> {
  const response = await fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: 'raw' in body ? body.raw : JSON.stringify(body.json),
  });
  await response.arrayBuffer();
  return response.status;
}

async function alertCount(dedupKey: string): Promise<number> {
  const response = await fetch(`${relay.url}/api/v1/incidents?status=open&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const { incidents } = (await response.json()) as { incidents: { dedupKey: string; alertCount: number }[] };
  return incidents.find((i) => i.dedupKey === dedupKey)?.alertCount ?? 0;
}

const json = fc.jsonValue({ maxDepth: 4 });
/** A field's value: mostly the right kind, sometimes anything. */
const or = <T>(good: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: good }, { weight: 1, arbitrary: json });
const text = fc.string({ maxLength: 40, unit: 'binary' });
const timestamp = or(fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('0001-01-01T00:00:00Z', 'yesterday', '')));
const labels = or(fc.dictionary(text, or(text), { maxKeys: 5 }));
const href = or(fc.oneof(fc.webUrl(), fc.constantFrom('javascript:alert(1)', 'data:,x', ' file:///etc/passwd', '')));

/** Alertmanager- and Grafana-shaped groups whose fields are sometimes the wrong kind. */
const labelledAlert = fc.record(
  { status: or(fc.constantFrom('firing', 'resolved')), labels, annotations: labels, startsAt: timestamp, endsAt: timestamp, generatorURL: href, fingerprint: or(text), values: json },
  { requiredKeys: [] },
);
const group = (version: string) =>
  fc.record(
    { version: or(fc.constant(version)), status: or(fc.constantFrom('firing', 'resolved')), receiver: or(text), groupKey: or(text), alerts: or(fc.array(labelledAlert, { maxLength: 5 })), externalURL: href },
    { requiredKeys: [] },
  );

/** An array nested `depth` levels deep, built without recursion. */
function nest(depth: number): unknown {
  let value: unknown = [];
  for (let i = 1; i < depth; i++) value = [value];
  return value;
}

/** Garbage for a route: its own shape gone wrong, any JSON, or bytes that may not even be UTF-8. */
const garbage = (shaped: fc.Arbitrary<unknown>): fc.Arbitrary<Body> =>
  fc.oneof(
    { weight: 4, arbitrary: shaped.map((json) => ({ json })) },
    { weight: 2, arbitrary: json.map((value) => ({ json: value })) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((raw) => ({ raw })) },
    { weight: 1, arbitrary: fc.integer({ min: 60, max: 20_000 }).map((depth) => ({ raw: new TextEncoder().encode(`${'['.repeat(depth)}${']'.repeat(depth)}`) })) },
    { weight: 1, arbitrary: shaped.chain((value) => fc.integer({ min: 60, max: 3_000 }).map((depth) => ({ json: { ...(value as object), deep: nest(depth) } }))) },
  );

interface Route {
  name: string;
  path: string;
  garbage: fc.Arbitrary<Body>;
  dedupKey: string;
  valid: unknown;
}

const ROUTES: Route[] = [
  {
    name: 'PagerDuty Events v2',
    path: '/v2/enqueue',
    garbage: garbage(
      fc.record(
        {
          routing_key: fc.constantFrom(KEYS.eventsV2, 'nosuchkey000000', ''),
          event_action: or(fc.constantFrom('trigger', 'acknowledge', 'resolve')),
          dedup_key: or(text),
          payload: or(fc.record({ summary: or(text), source: or(text), severity: or(fc.constantFrom('critical', 'error', 'warning', 'info')), timestamp, custom_details: json }, { requiredKeys: [] })),
          links: or(fc.array(fc.record({ href, text: or(text) }, { requiredKeys: [] }), { maxLength: 3 })),
          client_url: href,
        },
        { requiredKeys: [] },
      ),
    ),
    dedupKey: 'fuzz-valid-pd',
    valid: { routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'fuzz-valid-pd', payload: { summary: 'Fuzz: valid PagerDuty event', source: 'fuzz', severity: 'info' } },
  },
  {
    name: 'Alertmanager',
    path: `/integrations/alertmanager/${KEYS.alertmanager}`,
    garbage: garbage(group('4')),
    dedupKey: 'fuzz-valid-am',
    valid: { version: '4', status: 'firing', receiver: 'klaxon', groupKey: '{}:{}', alerts: [{ status: 'firing', startsAt: '2026-11-30T12:00:00Z', labels: { alertname: 'FuzzValid' }, annotations: {}, fingerprint: 'fuzz-valid-am' }] },
  },
  {
    name: 'Grafana',
    path: `/integrations/grafana/${KEYS.grafana}`,
    garbage: garbage(group('1')),
    dedupKey: 'fuzz-valid-gf',
    valid: { version: '1', status: 'firing', alerts: [{ status: 'firing', startsAt: '2026-11-30T12:00:00Z', labels: { alertname: 'FuzzValid' }, fingerprint: 'fuzz-valid-gf' }] },
  },
  {
    name: 'ConnectWise',
    path: `/integrations/connectwise/${KEYS.connectwise}`,
    garbage: garbage(
      fc.record(
        {
          Type: or(fc.constantFrom('ticket', 'company')),
          ID: or(fc.integer()),
          Action: or(fc.constantFrom('added', 'updated', 'deleted')),
          FromUrl: href,
          CompanyId: or(text),
          Entity: fc.oneof(json.map((v) => JSON.stringify(v)), text, fc.record({ summary: or(text), status: or(fc.record({ name: or(text) })), closedFlag: json }, { requiredKeys: [] }).map((v) => JSON.stringify(v))),
        },
        { requiredKeys: [] },
      ),
    ),
    dedupKey: 'cw-ticket-424242',
    valid: { Type: 'ticket', ID: 424242, Action: 'updated', CompanyId: 'acme', Entity: JSON.stringify({ id: 424242, summary: 'Fuzz: valid ConnectWise ticket' }) },
  },
  {
    name: 'generic webhook',
    path: `/integrations/webhook/${KEYS.webhook}`,
    garbage: garbage(fc.record({ title: or(text), level: or(fc.constantFrom('critical', 'warning', 'info')), id: or(text) }, { requiredKeys: [] })),
    dedupKey: 'fuzz-valid-webhook',
    valid: { title: 'Fuzz: valid webhook', level: 'info', id: 'fuzz-valid-webhook' },
  },
];

describe('ingest fuzz (HTTP)', () => {
  for (const route of ROUTES) {
    it(`${route.name}: garbage never gets a 5xx nor ends the relay, and every valid alert between it is stored`, { timeout: 60_000 }, async () => {
      let validSent = 0;
      await fc.assert(
        fc.asyncProperty(route.garbage, async (body) => {
          const status = await send(route.path, body);
          expect(status, JSON.stringify(body).slice(0, 300)).toBeLessThan(500);
          expect(await send(route.path, { json: route.valid })).toBeLessThan(300);
          validSent++;
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
      expect((await fetch(`${relay.url}/health`)).status).toBe(200);
      expect(await alertCount(route.dedupKey)).toBe(validSent);
    });
  }
});
