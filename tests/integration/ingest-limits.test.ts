import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { GRAFANA_SECRET, KEYS, writeTestConfig } from '../support/test-config.js';

// The limits of the HTTP ingest, through a real relay: the rate limit counts alerts (not requests),
// and a body that is too deep, too large or has too many alerts is a 4xx naming the limit, never a
// 500 that tells the sender to retry.

let relay: RelayProcess;
let token: string;

beforeAll(async () => {
  relay = await startRelayProcess({
    // 60 alerts a minute, 2,000 at once: the manual arithmetic below depends on these.
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_INGEST_RATE: '60', KLAXON_INGEST_BURST: '2000' },
  });
  const login = await post('/api/v1/auth/login', { username: 'ann', password: 'change-me-ann' });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(() => relay?.dispose());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${relay.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The dedup keys and summaries of the newest open incidents. */
async function openIncidentKeys(): Promise<string[]> {
  const response = await fetch(`${relay.url}/api/v1/incidents?status=open&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { incidents: { dedupKey: string; summary: string }[] }).incidents.flatMap((i) => [i.dedupKey, i.summary]);
}

// Every alert of a batch folds into one incident (one fingerprint), which keeps a 1,500-alert batch
// quick on a small machine; each is still one alert and one token.
const alertmanagerBatch = (prefix: string, n: number) => ({
  version: '4',
  status: 'firing',
  receiver: 'klaxon',
  groupKey: `{}:{batch="${prefix}"}`,
  alerts: Array.from({ length: n }, (_, i) => ({
    status: 'firing',
    startsAt: '2026-11-30T12:00:00Z',
    labels: { alertname: `${prefix}-${i}`, severity: 'warning' },
    annotations: { summary: `${prefix} alert ${i}` },
    fingerprint: `${prefix}-batch`,
  })),
});

/** A JSON text nested `depth` levels deep inside an otherwise ordinary field. */
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const ROUTES = [
  { path: '/v2/enqueue', body: (deep: string) => `{"routing_key":"${KEYS.eventsV2}","event_action":"trigger","payload":{"summary":"s","source":"x","severity":"info","custom_details":${deep}}}` },
  { path: `/integrations/alertmanager/${KEYS.alertmanager}`, body: (deep: string) => `{"version":"4","status":"firing","alerts":[{"labels":{"alertname":"a"},"annotations":{"x":${deep}}}]}` },
  { path: `/integrations/grafana/${KEYS.grafana}`, body: (deep: string) => `{"status":"firing","alerts":[{"labels":{"alertname":"a"},"values":${deep}}]}` },
  { path: `/integrations/connectwise/${KEYS.connectwise}`, body: (deep: string) => `{"ID":1,"Action":"added","Entity":${JSON.stringify(`{"summary":${deep}}`)}}` },
  { path: `/integrations/webhook/${KEYS.webhook}`, body: (deep: string) => `{"title":"t","level":"info","id":"1","extra":${deep}}` },
];

describe('ingest body limits on every route', () => {
  for (const route of ROUTES) {
    it(`${route.path.replace(/\/[^/]+$/, '/…')}: JSON nested too deep is a 400 naming the depth limit`, async () => {
      for (const depth of [200, 50_000]) {
        const response = await post(route.path, route.body(nested(depth)));
        expect(response.status, `depth ${depth}`).toBe(400);
        expect(JSON.stringify(await response.json())).toMatch(/nested deeper than 64 levels/);
      }
    });

    it(`${route.path.replace(/\/[^/]+$/, '/…')}: a body over 512 KiB is a 413 naming the size limit`, async () => {
      const response = await post(route.path, route.body(JSON.stringify('x'.repeat(600 * 1024))));
      expect(response.status).toBe(413);
      expect(JSON.stringify(await response.json())).toMatch(/524288 bytes/);
    });
  }

  it('refuses a batch of more than 5,000 alerts whole with a 400 naming the limit', async () => {
    const batch = {
      version: '4',
      groupKey: '{}:{}',
      receiver: 'klaxon',
      status: 'firing',
      alerts: Array.from({ length: 5_001 }, () => ({ status: 'firing', startsAt: '2026-11-30T12:00:00Z', labels: { alertname: 'too-many' } })),
    };
    const response = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, batch);
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toMatch(/5001 alerts; at most 5000/);
    expect((await openIncidentKeys()).some((k) => k.includes('too-many'))).toBe(false);
  });
});

describe('the ingest rate limit counts alerts', () => {
  it('spends one token per alert: a batch of 1,500 is taken, then a batch larger than what is left is refused whole with 429', { timeout: 120_000 }, async () => {
    const first = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, alertmanagerBatch('big', 1_500));
    expect(first.status).toBe(200);
    const taken = (await first.json()) as { alerts: { outcome: string }[] };
    expect(taken.alerts).toHaveLength(1_500);
    expect(taken.alerts.map((a) => a.outcome)).toEqual(['opened', ...Array<string>(1_499).fill('folded')]);

    // About 500 tokens are left (2,000 - 1,500, plus one a second since): 600 do not fit.
    const second = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, alertmanagerBatch('over', 600));
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await second.json()) as { error: string }).error).toMatch(/600 alerts.*KLAXON_INGEST_RATE/);
    expect((await openIncidentKeys()).some((k) => k.includes('over-'))).toBe(false);

    // What is left is still there for a batch that fits.
    const fits = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, alertmanagerBatch('fits', 400));
    expect(fits.status).toBe(200);
  });

  it('refuses a batch larger than the burst whole with 413, saying it can never fit (split it)', async () => {
    const response = await post(`/integrations/grafana/${KEYS.grafana}`, {
      version: '1',
      status: 'firing',
      alerts: Array.from({ length: 2_001 }, (_, i) => ({ status: 'firing', startsAt: '2026-11-30T12:00:00Z', labels: { alertname: `burst-${i}` }, fingerprint: `burst-${i}` })),
    });
    expect(response.status).toBe(413);
    expect(((await response.json()) as { error: string }).error).toMatch(/2001 alerts.*at most 2000 at once \(KLAXON_INGEST_BURST\)/);
    expect((await openIncidentKeys()).some((k) => k.includes('burst-'))).toBe(false);
  });
});

describe('Grafana signature replay', () => {
  const firing = JSON.stringify({
    version: '1',
    status: 'firing',
    alerts: [{ status: 'firing', startsAt: '2026-11-30T12:00:00Z', labels: { alertname: 'replayed' }, fingerprint: 'replay-1' }],
  });
  const signedAt = (seconds: number) => ({
    'content-type': 'application/json',
    'x-grafana-alerting-signature-timestamp': String(seconds),
    'x-grafana-alert-signature': createHmac('sha256', GRAFANA_SECRET).update(`${seconds}:${firing}`).digest('hex'),
  });
  const send = (headers: Record<string, string>) =>
    fetch(`${relay.url}/integrations/grafana/${KEYS.grafanaSigned}`, { method: 'POST', headers, body: firing });

  it('takes a fresh signed timestamp (in Grafana’s default signature header) and refuses one over 5 minutes old with 401 naming why', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect((await send(signedAt(now))).status).toBe(200);
    const replay = await send(signedAt(now - 10 * 60));
    expect(replay.status).toBe(401);
    expect(((await replay.json()) as { error: string }).error).toBe('the signature timestamp is older than 300 s (a replayed request)');
  });
});
