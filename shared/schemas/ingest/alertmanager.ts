import { z } from 'zod';
import { requiredParams, StringMapSchema, UrlTextSchema } from './ingest-common.js';
import { TimestampSchema } from './timestamp.js';

/** Whether an alert (or a whole group) is firing or has resolved, as Alertmanager and Grafana say it. */
export const AlertStatusSchema = z.enum(['firing', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatusSchema>;

/** One alert in an Alertmanager webhook; `endsAt` is Go's zero time "0001-01-01T00:00:00Z" while firing. */
export const AlertmanagerAlertSchema = z.looseObject({
  status: AlertStatusSchema,
  labels: StringMapSchema,
  annotations: StringMapSchema.default({}),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema.optional(),
  generatorURL: UrlTextSchema.optional(),
  /** Alertmanager's hash of the alert's labels; the same labels always give the same fingerprint. */
  fingerprint: z.string().min(1).max(255).optional(),
});
export type AlertmanagerAlert = z.infer<typeof AlertmanagerAlertSchema>;

/**
 * The body Prometheus Alertmanager posts to a `webhook_config` receiver (payload version "4"): one
 * group of alerts that share its group labels. Unknown fields are kept.
 */
export const AlertmanagerWebhookSchema = z.looseObject({
  version: z.literal('4', requiredParams('required; Alertmanager sends "4"')),
  groupKey: z.string(requiredParams()),
  /** How many alerts Alertmanager left out because of the receiver's `max_alerts`. */
  truncatedAlerts: z.number().int().nonnegative().default(0),
  status: AlertStatusSchema,
  receiver: z.string(requiredParams()),
  groupLabels: StringMapSchema.default({}),
  commonLabels: StringMapSchema.default({}),
  commonAnnotations: StringMapSchema.default({}),
  externalURL: UrlTextSchema.default(''),
  alerts: z.array(AlertmanagerAlertSchema),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhookSchema>;
