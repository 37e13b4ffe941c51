import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../shared/schemas/alert.js';
import { AlertmanagerWebhookSchema, type AlertmanagerWebhook } from '../../../shared/schemas/ingest/alertmanager.js';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { stableDedupKey } from './dedup-key.js';
import { fromAlertmanager } from './from-alertmanager.js';

const webhook = (name: string) => AlertmanagerWebhookSchema.parse(loadPayload(name));

/** The firing example with its first alert changed. */
function withAlert(change: (alert: AlertmanagerWebhook['alerts'][number]) => void): AlertmanagerWebhook {
  const body = webhook('alertmanager-firing');
  change(body.alerts[0]!);
  return body;
}

describe('fromAlertmanager', () => {
  it('turns each firing alert into a trigger', () => {
    const alerts = fromAlertmanager(webhook('alertmanager-firing'));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toEqual({
      action: 'trigger',
      dedupKey: '3f2c5d1a9b7e4c60',
      summary: 'Instance db1.example.com:9100 down',
      severity: 'critical',
      source: 'db1.example.com:9100',
      labels: { alertname: 'InstanceDown', instance: 'db1.example.com:9100', job: 'node', severity: 'page' },
      links: [{ href: 'http://prometheus.example.com:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1', text: 'Source' }],
      occurredAt: '2026-03-08T06:55:12.345Z',
      payload: expect.objectContaining({ receiver: 'klaxon', groupKey: '{}:{alertname="InstanceDown"}', alert: expect.any(Object) }),
    });
    expect(alerts[1]).toMatchObject({ dedupKey: '8a1e0b6d2c4f9e37', source: 'db2.example.com:9100' });
    for (const alert of alerts) expect(AlertInputSchema.safeParse(alert).success).toBe(true);
  });

  it('turns resolved alerts into resolves for the same keys, at their end time', () => {
    const alerts = fromAlertmanager(webhook('alertmanager-resolved'));
    expect(alerts.map((a) => [a.action, a.dedupKey, a.occurredAt])).toEqual([
      ['resolve', '3f2c5d1a9b7e4c60', '2026-03-08T07:20:12.345Z'],
      ['resolve', '8a1e0b6d2c4f9e37', '2026-03-08T07:21:42.102Z'],
    ]);
  });

  it("stores each alert's payload without the other alerts", () => {
    const [first] = fromAlertmanager(webhook('alertmanager-firing'));
    const payload = first!.payload as Record<string, unknown>;
    expect(payload.alerts).toBeUndefined();
    expect(payload.alert).toMatchObject({ fingerprint: '3f2c5d1a9b7e4c60' });
  });

  it('falls back to a stable hash of the sorted labels without a fingerprint', () => {
    const body = withAlert((a) => delete a.fingerprint);
    const reordered = withAlert((a) => {
      delete a.fingerprint;
      a.labels = Object.fromEntries(Object.entries(a.labels).reverse());
    });
    const [alert] = fromAlertmanager(body);
    expect(alert!.dedupKey).toBe(stableDedupKey('am', body.alerts[0]!.labels));
    expect(fromAlertmanager(reordered)[0]!.dedupKey).toBe(alert!.dedupKey);
  });

  it('takes the summary from summary, description, then alertname', () => {
    const summaryOf = (annotations: Record<string, string>, labels?: Record<string, string>) =>
      fromAlertmanager(withAlert((a) => ((a.annotations = annotations), labels && (a.labels = labels))))[0]!.summary;
    expect(summaryOf({ description: 'disk is full' })).toBe('disk is full');
    expect(summaryOf({})).toBe('InstanceDown');
    expect(summaryOf({}, {})).toBe('Alertmanager alert');
    expect(summaryOf({ summary: 'x'.repeat(2000) })).toHaveLength(1024);
  });

  it('maps severities and takes the source from instance, job, then the external URL', () => {
    const one = (labels: Record<string, string>) => fromAlertmanager(withAlert((a) => (a.labels = labels)))[0]!;
    expect(one({ severity: 'warn', job: 'node' })).toMatchObject({ severity: 'warning', source: 'node' });
    expect(one({ severity: 'high' })).toMatchObject({ severity: 'error', source: 'http://alertmanager.example.com:9093' });
    expect(one({ severity: 'low' }).severity).toBe('info');
  });

  it('links the runbook when the alert names one', () => {
    const [alert] = fromAlertmanager(withAlert((a) => (a.annotations.runbook_url = 'https://runbooks.example.com/instance-down')));
    expect(alert!.links).toContainEqual({ href: 'https://runbooks.example.com/instance-down', text: 'Runbook' });
  });
});
