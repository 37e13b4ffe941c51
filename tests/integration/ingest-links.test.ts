import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Links from alerts are followed by people on call: only http(s) ones may reach the console and the
// phone. Every source's links, through a real relay, read back from the incident API.

let relay: RelayProcess;
let token: string;

beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const login = await post('/api/v1/auth/login', { username: 'ann', password: 'change-me-ann' });
  token = ((await login.json()) as { token: string }).token;
});
afterAll(() => relay?.dispose());

function post(path: string, body: unknown): Promise<Response> {
  return fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

async function linksOf(dedupKey: string): Promise<string[]> {
  const list = await fetch(`${relay.url}/api/v1/incidents?status=open`, { headers: { authorization: `Bearer ${token}` } });
  const incident = ((await list.json()) as { incidents: { dedupKey: string; links: { href: string }[] }[] }).incidents.find((i) => i.dedupKey === dedupKey);
  expect(incident, dedupKey).toBeDefined();
  return incident!.links.map((l) => l.href);
}

const HOSTILE = ['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', ' javascript:alert(1)', 'vbscript:msgbox(1)'];
const SAFE = 'https://grafana.example.com/d/abc';
const startsAt = '2026-11-30T12:00:00Z';

describe('links from alerts', () => {
  it('PagerDuty Events v2: keeps http(s) links and drops the rest, client_url included', async () => {
    const response = await post('/v2/enqueue', {
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'links-pd',
      payload: { summary: 'Links from PagerDuty', source: 'x', severity: 'info' },
      links: [...HOSTILE.map((href) => ({ href, text: 'Click me' })), { href: SAFE, text: 'Dashboard' }],
      client_url: 'javascript:alert(2)',
    });
    expect(response.status).toBe(202);
    expect(await linksOf('links-pd')).toEqual([SAFE]);
  });

  it('Alertmanager: drops a hostile generatorURL and runbook_url', async () => {
    const response = await post(`/integrations/alertmanager/${KEYS.alertmanager}`, {
      version: '4',
      status: 'firing',
      receiver: 'klaxon',
      groupKey: '{}:{}',
      alerts: HOSTILE.map((href, i) => ({
        status: 'firing',
        startsAt,
        labels: { alertname: `links-am-${i}` },
        annotations: { runbook_url: 'data:text/html,x' },
        generatorURL: href,
        fingerprint: `links-am-${i}`,
      })),
    });
    expect(response.status).toBe(200);
    for (let i = 0; i < HOSTILE.length; i++) expect(await linksOf(`links-am-${i}`)).toEqual([]);
  });

  it('Grafana: drops hostile rule, dashboard, panel, image and silence links, keeps the good one', async () => {
    const response = await post(`/integrations/grafana/${KEYS.grafana}`, {
      version: '1',
      status: 'firing',
      alerts: [
        {
          status: 'firing',
          startsAt,
          labels: { alertname: 'links-gf' },
          fingerprint: 'links-gf',
          generatorURL: HOSTILE[0],
          dashboardURL: SAFE,
          panelURL: HOSTILE[2],
          imageURL: HOSTILE[3],
          silenceURL: HOSTILE[1],
          annotations: { runbook_url: HOSTILE[5] },
        },
      ],
    });
    expect(response.status).toBe(200);
    expect(await linksOf('links-gf')).toEqual([SAFE]);
  });

  it('ConnectWise: a hostile FromUrl gives no ticket link', async () => {
    const response = await post(`/integrations/connectwise/${KEYS.connectwise}`, {
      Type: 'ticket',
      ID: 987654,
      Action: 'added',
      FromUrl: 'javascript:alert(1)//',
      CompanyId: 'acme',
      Entity: JSON.stringify({ id: 987654, summary: 'Links from ConnectWise' }),
    });
    expect(response.status).toBe(200);
    for (const href of await linksOf('cw-ticket-987654')) expect(href).toMatch(/^https:\/\/[a-z0-9.-]+\//);
  });
});
