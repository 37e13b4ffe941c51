import { z } from 'zod';
import { InstantSchema } from './common.js';
import { PrioritySchema } from './priority.js';

/**
 * The threat researchers' intelligence database (issue 15): indicators from outside feeds and past
 * incidents, matched against every new alert on ingest.
 */

/** What an indicator's value is; `text` is a free-form string matched as a phrase (case-insensitive). */
export const IndicatorTypeSchema = z.enum(['ip', 'cidr', 'domain', 'url', 'email', 'hash', 'cve', 'text']);
export type IndicatorType = z.infer<typeof IndicatorTypeSchema>;

/**
 * Who may see an indicator: `team` is every console user; `restricted` only threat researchers, IR
 * managers and admins (its matches still flag incidents, without its value or notes).
 */
export const IndicatorVisibilitySchema = z.enum(['team', 'restricted']);
export type IndicatorVisibility = z.infer<typeof IndicatorVisibilitySchema>;

export const IndicatorSchema = z.object({
  id: z.string(),
  type: IndicatorTypeSchema,
  /** The value, normalised (lower-case domains, e-mails and hashes; canonical IP and CIDR text). */
  value: z.string(),
  tags: z.array(z.string()),
  /** 0–100: how sure the source is. */
  confidence: z.number().int().min(0).max(100),
  /** Where it came from: a feed's name, "incident inc_…", a researcher. */
  source: z.string(),
  firstSeenAt: InstantSchema,
  lastSeenAt: InstantSchema,
  /** After this it no longer matches new alerts; null never expires. */
  expiresAt: InstantSchema.nullable(),
  notes: z.string(),
  visibility: IndicatorVisibilitySchema,
  /** The incidents it is linked to (matched on ingest, or linked by hand). */
  incidentIds: z.array(z.string()),
  createdBy: z.string(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
});
export type Indicator = z.infer<typeof IndicatorSchema>;

/** The body of `POST /api/v1/intel/indicators` and `PUT /api/v1/intel/indicators/:id`. */
export const IndicatorInputSchema = z
  .object({
    type: IndicatorTypeSchema,
    value: z.string().trim().min(1).max(2048),
    tags: z.array(z.string().trim().min(1).max(64)).max(50).default([]),
    confidence: z.number().int().min(0).max(100).default(50),
    source: z.string().trim().max(200).default(''),
    firstSeenAt: InstantSchema.optional(),
    lastSeenAt: InstantSchema.optional(),
    expiresAt: InstantSchema.nullable().default(null),
    notes: z.string().max(20_000).default(''),
    visibility: IndicatorVisibilitySchema.default('team'),
    /** Link to these incidents (e.g. the one an analyst turned an observable of into an indicator). */
    incidentIds: z.array(z.string().min(1).max(200)).max(100).default([]),
  })
  .strict();
export type IndicatorInput = z.infer<typeof IndicatorInputSchema>;

/** What an import did: every bad row or object with its path, and nothing written when any is bad. */
export const IntelImportResultSchema = z.object({
  imported: z.number().int().nonnegative(),
  /** Indicators already present (same type and value) that were updated instead. */
  updated: z.number().int().nonnegative(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type IntelImportResult = z.infer<typeof IntelImportResultSchema>;

/** One live indicator found in a new alert (what the timeline event `intel.matched` carries). */
export const IndicatorMatchSchema = z.object({
  indicatorId: z.string(),
  type: IndicatorTypeSchema,
  /** The value, or null when the indicator is restricted and the viewer may not see it. */
  value: z.string().nullable(),
  /** Where in the alert it was found: "summary", "source", "links.0.href", "payload.details.ip". */
  field: z.string(),
  confidence: z.number().int().min(0).max(100),
});
export type IndicatorMatch = z.infer<typeof IndicatorMatchSchema>;

/**
 * A rule that raises the priority of an incident whose alert matches an indicator (config
 * `intel.rules`): the first rule whose conditions hold sets the priority, never lowering it.
 */
export const IntelPriorityRuleSchema = z
  .object({
    /** Match only indicators with at least this confidence. */
    minConfidence: z.number().int().min(0).max(100).default(0),
    /** Match only indicators carrying one of these tags (any when empty). */
    tags: z.array(z.string().min(1)).default([]),
    types: z.array(IndicatorTypeSchema).default([]),
    priority: PrioritySchema,
  })
  .strict();
export type IntelPriorityRule = z.infer<typeof IntelPriorityRuleSchema>;
