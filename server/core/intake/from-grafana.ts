import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { GrafanaWebhook } from '../../../shared/schemas/ingest/grafana.js';
import { toLinks } from './alert-fields.js';
import { fromLabelledAlert } from './label-alert.js';

/**
 * Turns a validated Grafana webhook into one alert per alert in the group, like Alertmanager's:
 * firing → trigger, and resolved (or a group whose `state` is "ok") → resolve. The summary falls back
 * to the group's `title`. Links: the rule (`generatorURL`), the silence, dashboard, panel and image
 * URLs when set, and the `runbook_url` annotation.
 */
export function fromGrafana(webhook: GrafanaWebhook): AlertInput[] {
  const { alerts, ...group } = webhook;
  return alerts.map((alert) =>
    fromLabelledAlert(alert, {
      action: alert.status === 'resolved' || webhook.state === 'ok' ? 'resolve' : 'trigger',
      externalURL: webhook.externalURL,
      fallbackSummary: webhook.title ?? 'Grafana alert',
      keyPrefix: 'grafana',
      links: toLinks([
        { href: alert.generatorURL, text: 'Alert rule' },
        { href: alert.dashboardURL, text: 'Dashboard' },
        { href: alert.panelURL, text: 'Panel' },
        { href: alert.imageURL, text: 'Image' },
        { href: alert.annotations.runbook_url, text: 'Runbook' },
        { href: alert.silenceURL, text: 'Silence' },
      ]),
      payload: { ...group, alert },
    }),
  );
}
