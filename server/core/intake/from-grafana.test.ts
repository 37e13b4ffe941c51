import { describe, expect, it } from 'vitest';
import { AlertInputSchema } from '../../../shared/schemas/alert.js';
import { GrafanaWebhookSchema } from '../../../shared/schemas/ingest/grafana.js';
import { loadPayload } from '../../../tests/fixtures/payloads/load-payload.js';
import { fromGrafana } from './from-grafana.js';

const webhook = (name: string) => GrafanaWebhookSchema.parse(loadPayload(name));

describe('fromGrafana', () => {
  it("turns the docs' firing example into two triggers", () => {
    const alerts = fromGrafana(webhook('grafana-firing'));
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toEqual({
      action: 'trigger',
      dedupKey: 'c6eadffa33fcdf37',
      summary: 'This alert was triggered for zone us-1',
      severity: 'info',
      source: 'https://play.grafana.org/',
      labels: { alertname: 'High memory usage', team: 'blue', zone: 'us-1' },
      links: [
        { href: 'https://play.grafana.org/alerting/1afz29v7z/edit', text: 'Alert rule' },
        { href: 'https://myrunbook.com/runbook/1234', text: 'Runbook' },
        {
          href: 'https://play.grafana.org/alerting/silence/new?alertmanager=grafana&matchers=alertname%3DT2%2Cteam%3Dblue%2Czone%3Dus-1',
          text: 'Silence',
        },
      ],
      occurredAt: '2021-10-12T07:51:03.157Z',
      payload: expect.objectContaining({ orgId: 1, state: 'alerting', alert: expect.objectContaining({ values: { B: 44.23943737541908, C: 1 } }) }),
    });
    expect(alerts[1]).toMatchObject({ dedupKey: 'bc97ff14869b13e3', summary: 'This alert was triggered for zone eu-1' });
    for (const alert of alerts) expect(AlertInputSchema.safeParse(alert).success).toBe(true);
  });

  it('turns the resolved group into resolves for the same keys', () => {
    const alerts = fromGrafana(webhook('grafana-resolved'));
    expect(alerts.map((a) => [a.action, a.dedupKey, a.occurredAt])).toEqual([
      ['resolve', 'c6eadffa33fcdf37', '2021-10-12T08:21:03.157Z'],
      ['resolve', 'bc97ff14869b13e3', '2021-10-12T08:26:03.157Z'],
    ]);
  });

  it('resolves every alert of a group whose state is ok', () => {
    const body = webhook('grafana-firing');
    expect(fromGrafana({ ...body, state: 'ok' }).map((a) => a.action)).toEqual(['resolve', 'resolve']);
  });

  it("falls back to the group title and reads the labels' severity", () => {
    const body = webhook('grafana-firing');
    body.alerts[0]!.annotations = {};
    body.alerts[0]!.labels = { team: 'blue', severity: 'critical' };
    expect(fromGrafana(body)[0]).toMatchObject({ summary: '[FIRING:2]  (blue)', severity: 'critical' });
  });
});
