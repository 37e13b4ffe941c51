import { describe, expect, it } from 'vitest';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { AlertmanagerWebhookSchema } from './alertmanager.js';
import { parseIngestBody } from './ingest-issues.js';

type Body = Record<string, unknown> & { alerts: Record<string, unknown>[] };

const firing = () => loadPayload('alertmanager-firing') as Body;

function issuePaths(body: unknown): string[] {
  const result = parseIngestBody(AlertmanagerWebhookSchema, body);
  return result.ok ? [] : result.issues.map((issue) => issue.path);
}

describe('AlertmanagerWebhookSchema', () => {
  it.each(['alertmanager-firing', 'alertmanager-resolved'])('accepts the %s example', (name) => {
    expect(issuePaths(loadPayload(name))).toEqual([]);
  });

  it('keeps unknown fields and fills defaults', () => {
    const { truncatedAlerts: _t, commonAnnotations: _c, ...body } = firing();
    const parsed = AlertmanagerWebhookSchema.parse({ ...body, fromTheFuture: true });
    expect(parsed).toMatchObject({ fromTheFuture: true, truncatedAlerts: 0, commonAnnotations: {} });
  });

  it('names each bad field', () => {
    const body = firing();
    expect(issuePaths({ ...body, version: '3' })).toEqual(['version']);
    expect(issuePaths({ ...body, status: 'burning' })).toEqual(['status']);
    const alerts = structuredClone(body.alerts);
    alerts[1]!.status = 'pending';
    alerts[0]!.labels = { alertname: 7 };
    alerts[0]!.startsAt = 'a while ago';
    expect(issuePaths({ ...body, alerts })).toEqual(['alerts[0].labels.alertname', 'alerts[0].startsAt', 'alerts[1].status']);
  });

  it('requires the group fields Alertmanager always sends', () => {
    const { alerts: _a, groupKey: _g, ...body } = firing();
    expect(issuePaths(body)).toEqual(['groupKey', 'alerts']);
  });
});
