import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { AlertmanagerWebhook } from '../../../shared/schemas/ingest/alertmanager.js';
import { toLinks } from './alert-fields.js';
import { fromLabelledAlert } from './label-alert.js';

/**
 * Turns a validated Alertmanager webhook into one alert per alert in the group: firing → trigger,
 * resolved → resolve, read as `fromLabelledAlert` describes. Links: the alert's `generatorURL` and
 * its `runbook_url` annotation. Each alert's payload is the alert with its group around it (the
 * group fields without the other alerts).
 */
export function fromAlertmanager(webhook: AlertmanagerWebhook): AlertInput[] {
  const { alerts, ...group } = webhook;
  return alerts.map((alert) =>
    fromLabelledAlert(alert, {
      action: alert.status === 'resolved' ? 'resolve' : 'trigger',
      externalURL: webhook.externalURL,
      fallbackSummary: 'Alertmanager alert',
      keyPrefix: 'am',
      links: toLinks([
        { href: alert.generatorURL, text: 'Source' },
        { href: alert.annotations.runbook_url, text: 'Runbook' },
      ]),
      payload: { ...group, alert },
    }),
  );
}
