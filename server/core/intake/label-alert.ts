import type { AlertInput, Link } from '../../../shared/schemas/alert.js';
import { clip, firstText, toInstant } from './alert-fields.js';
import { stableDedupKey } from './dedup-key.js';
import { normalizeSeverity } from './severity.js';

/** The parts of an Alertmanager or Grafana alert that intake reads. */
export interface LabelledAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt?: string | undefined;
  fingerprint?: string | undefined;
}

/** What the group around an alert adds: its fallback source and the text to use when nothing else names it. */
export interface LabelledAlertContext {
  action: 'trigger' | 'resolve';
  externalURL: string;
  fallbackSummary: string;
  /** A prefix for the hashed dedup key of an alert without fingerprint ("am", "grafana"). */
  keyPrefix: string;
  links: Link[];
  payload: unknown;
}

/**
 * Builds the alert for one Prometheus-style alert (labels and annotations), as Alertmanager and
 * Grafana send them. Dedup key: the fingerprint, else a stable hash of the sorted labels. Summary:
 * `annotations.summary`, `annotations.description`, `labels.alertname`, then the fallback. Severity:
 * `labels.severity` through `normalizeSeverity`. Source: `labels.instance`, `labels.job`, then the
 * sender's external URL. The labels are kept for priority rules. `occurredAt` is when it started, or
 * for a resolve when it ended.
 */
export function fromLabelledAlert(alert: LabelledAlert, context: LabelledAlertContext): AlertInput {
  const { labels, annotations } = alert;
  const dedupKey = firstText(alert.fingerprint)?.trim() ?? stableDedupKey(context.keyPrefix, labels);
  const occurredAt = (context.action === 'resolve' ? toInstant(alert.endsAt) : undefined) ?? toInstant(alert.startsAt);
  return {
    action: context.action,
    dedupKey,
    summary: clip(
      firstText(annotations.summary, annotations.description, labels.alertname, context.fallbackSummary) ?? 'Alert',
      1024,
    ),
    severity: normalizeSeverity(labels.severity),
    source: clip(firstText(labels.instance, labels.job, context.externalURL) ?? '', 1024),
    labels: { ...labels },
    links: context.links,
    ...(occurredAt === undefined ? {} : { occurredAt }),
    payload: context.payload,
  };
}
