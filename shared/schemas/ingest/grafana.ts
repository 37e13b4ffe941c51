import { z } from 'zod';
import { AlertStatusSchema } from './alertmanager.js';
import { requiredParams, StringMapSchema, UrlTextSchema } from './ingest-common.js';
import { TimestampSchema } from './timestamp.js';

/** One alert in a Grafana (unified alerting) webhook notification. */
export const GrafanaAlertSchema = z.looseObject({
  status: AlertStatusSchema,
  labels: StringMapSchema,
  annotations: StringMapSchema.default({}),
  startsAt: TimestampSchema,
  endsAt: TimestampSchema.optional(),
  generatorURL: UrlTextSchema.optional(),
  fingerprint: z.string().min(1).max(255).optional(),
  silenceURL: UrlTextSchema.optional(),
  dashboardURL: UrlTextSchema.optional(),
  panelURL: UrlTextSchema.optional(),
  imageURL: UrlTextSchema.optional(),
  /** The query results that decided the state, by reference id ("B": 44.2). */
  values: z.record(z.string(), z.number().nullable()).nullable().optional(),
  valueString: z.string().optional(),
});
export type GrafanaAlert = z.infer<typeof GrafanaAlertSchema>;

/** The group state Grafana reports in its deprecated `state` field. */
export const GrafanaStateSchema = z.enum(['alerting', 'ok', 'no_data', 'pending']);

/**
 * The body Grafana's webhook contact point posts (unified alerting, payload version "1"): an
 * Alertmanager-style group plus Grafana's org id and its deprecated `title`, `state` and `message`.
 * Legacy (pre-8) dashboard alert bodies are not accepted. Unknown fields are kept.
 */
export const GrafanaWebhookSchema = z.looseObject({
  receiver: z.string().default(''),
  status: AlertStatusSchema,
  orgId: z.number().int().optional(),
  alerts: z.array(GrafanaAlertSchema),
  groupLabels: StringMapSchema.default({}),
  commonLabels: StringMapSchema.default({}),
  commonAnnotations: StringMapSchema.default({}),
  externalURL: UrlTextSchema.default(''),
  version: z.literal('1', requiredParams('required; Grafana sends "1"')),
  groupKey: z.string().default(''),
  truncatedAlerts: z.number().int().nonnegative().default(0),
  title: z.string().optional(),
  state: GrafanaStateSchema.optional(),
  message: z.string().optional(),
});
export type GrafanaWebhook = z.infer<typeof GrafanaWebhookSchema>;
