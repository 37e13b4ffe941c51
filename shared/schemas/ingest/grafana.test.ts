import { describe, expect, it } from 'vitest';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { GrafanaWebhookSchema } from './grafana.js';
import { parseIngestBody } from './ingest-issues.js';

type Body = Record<string, unknown> & { alerts: Record<string, unknown>[] };

const firing = () => loadPayload('grafana-firing') as Body;

function issuePaths(body: unknown): string[] {
  const result = parseIngestBody(GrafanaWebhookSchema, body);
  return result.ok ? [] : result.issues.map((issue) => issue.path);
}

describe('GrafanaWebhookSchema', () => {
  it.each(['grafana-firing', 'grafana-resolved'])('accepts the %s example', (name) => {
    expect(issuePaths(loadPayload(name))).toEqual([]);
  });

  it('accepts the older valueString form and keeps unknown fields', () => {
    const body = firing();
    const alerts = body.alerts.map(({ values: _v, ...a }) => ({ ...a, valueString: "[ metric='' labels={} value=14151.33 ]" }));
    const parsed = GrafanaWebhookSchema.parse({ ...body, alerts, tenant: 'x' });
    expect(parsed).toMatchObject({ tenant: 'x', alerts: [{ valueString: expect.any(String) }, {}] });
  });

  it('names each bad field', () => {
    const body = firing();
    expect(issuePaths({ ...body, state: 'melting' })).toEqual(['state']);
    expect(issuePaths({ ...body, version: 1 })).toEqual(['version']);
    const alerts = structuredClone(body.alerts);
    alerts[1]!.values = { B: 'high' };
    expect(issuePaths({ ...body, alerts })).toEqual(['alerts[1].values.B']);
  });

  it('refuses a legacy dashboard-alert body', () => {
    const legacy = { title: '[Alerting] CPU alert', ruleId: 1, ruleName: 'CPU alert', state: 'alerting', evalMatches: [] };
    expect(issuePaths(legacy)).toEqual(['status', 'alerts', 'version']);
  });
});
