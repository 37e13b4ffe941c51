import { z } from 'zod';
import { CriticalitySchema } from './client.js';
import { DurationSchema, SlugSchema } from './common.js';
import { PatternSchema } from './pattern.js';
import { PrioritySchema, SeveritySchema } from './priority.js';

/** The ways alerts come into a service. */
export const IntegrationTypeSchema = z.enum([
  'events-v2',
  'alertmanager',
  'grafana',
  'connectwise',
  'email',
  'webhook',
  'heartbeat',
]);
export type IntegrationType = z.infer<typeof IntegrationTypeSchema>;

/** A JSONPath-like pick such as "$.title" or "$.alert.labels.severity" or "$.items[0].id". */
export const JsonPickSchema = z
  .string()
  .regex(/^\$(?:\.[A-Za-z_][\w-]*|\[\d+\]|\['[^']+'\])*$/, 'use a pick such as "$.title" or "$.items[0].id"');

/** How a generic webhook body maps onto an alert. */
export const WebhookMappingSchema = z.object({
  summary: JsonPickSchema,
  severity: JsonPickSchema.optional(),
  dedupKey: JsonPickSchema.optional(),
  source: JsonPickSchema.optional(),
  action: JsonPickSchema.optional(),
});
export type WebhookMapping = z.infer<typeof WebhookMappingSchema>;

/** One integration of a service, with its own secret key. */
export const IntegrationSchema = z.object({
  type: IntegrationTypeSchema,
  key: z.string().regex(/^[A-Za-z0-9._-]{6,128}$/, 'use 6–128 letters, digits, ".", "_" or "-"'),
  mapping: WebhookMappingSchema.optional(),
  /** Grafana: the shared secret for HMAC-SHA256 signatures, and the header that carries them. */
  hmacSecret: z.string().min(8).optional(),
  hmacHeader: z.string().min(1).optional(),
  /** Grafana: the contact point's timestamp header; a signed timestamp over 5 minutes old is a replay (401). */
  hmacTimestampHeader: z.string().min(1).optional(),
  /** E-mail: a pattern whose first group (or whole match) in the subject is the dedup key. */
  dedupPattern: PatternSchema.optional(),
  /** Heartbeat: how often the monitored agent pings (at least 1 s, at most 7 days). */
  interval: DurationSchema.pipe(z.number().min(1, 'use at least 1s').max(604_800, 'use at most 7d')).optional(),
  /** Heartbeat: how long past the interval a ping may be late before an incident opens (default 0, at most 1 day). */
  grace: DurationSchema.pipe(z.number().max(86_400, 'use at most 1d')).optional(),
});
export type Integration = z.infer<typeof IntegrationSchema>;

/** What a priority rule matches; every condition given must hold. */
export const RuleMatchSchema = z.object({
  severity: z.array(SeveritySchema).min(1).optional(),
  source: PatternSchema.optional(),
  summary: PatternSchema.optional(),
  subject: PatternSchema.optional(),
  labels: z.record(z.string(), PatternSchema).optional(),
  /** The alert's service is one that a client's business process of one of these criticalities depends on. */
  criticality: z.array(CriticalitySchema).min(1).optional(),
});
export type RuleMatch = z.infer<typeof RuleMatchSchema>;

/** An ordered priority rule; the first that matches wins, one without `when` matches everything. */
export const PriorityRuleSchema = z.object({
  when: RuleMatchSchema.optional(),
  priority: PrioritySchema,
});
export type PriorityRule = z.infer<typeof PriorityRuleSchema>;

/** A service: where alerts arrive, who owns it, how it escalates and how its alerts are prioritised. */
export const ServiceSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  team: SlugSchema,
  policy: SlugSchema,
  pageMediumNow: z.boolean().default(false),
  integrations: z.array(IntegrationSchema).default([]),
  priorityRules: z.array(PriorityRuleSchema).default([]),
  /** What a responder should do: an http(s) address of the runbook, or the runbook itself as Markdown. */
  runbook: z.string().trim().min(1).max(20_000).optional(),
});
export type Service = z.infer<typeof ServiceSchema>;
