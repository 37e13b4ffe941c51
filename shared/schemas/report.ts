import { z } from 'zod';
import { InstantSchema, SlugSchema } from './common.js';
import { PrioritySchema } from './priority.js';
import { ChannelSchema } from './user.js';

/**
 * Reports (issue 14): "you can't manage what you can't measure". Every figure is computed over the
 * incidents first seen in [from, to), narrowed by the optional filters.
 */

/** The query of `GET /api/v1/reports/summary` (and the CSV/JSON exports): unknown parameters are refused. */
export const ReportQuerySchema = z
  .object({
    from: InstantSchema,
    to: InstantSchema,
    team: SlugSchema.optional(),
    service: SlugSchema.optional(),
    client: SlugSchema.optional(),
    priority: PrioritySchema.optional(),
    /** Only incidents this person was paged for (user id). */
    responder: z.string().min(1).max(200).optional(),
  })
  .strict()
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { message: 'from must be before to', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 366 * 86_400_000, {
    message: 'a report covers at most 366 days',
    path: ['to'],
  });
export type ReportQuery = z.infer<typeof ReportQuerySchema>;

/** Mean, median and 90th percentile of a duration, in milliseconds (null when nothing was measured). */
export const DurationStatsSchema = z.object({
  count: z.number().int().nonnegative(),
  meanMs: z.number().nonnegative().nullable(),
  p50Ms: z.number().nonnegative().nullable(),
  p90Ms: z.number().nonnegative().nullable(),
});
export type DurationStats = z.infer<typeof DurationStatsSchema>;

/** The figures for one slice of the incidents (all of them, one team, one service, ...). */
export const ReportFiguresSchema = z.object({
  incidents: z.number().int().nonnegative(),
  byPriority: z.record(PrioritySchema, z.number().int().nonnegative()),
  timeToRead: DurationStatsSchema,
  timeToAcknowledge: DurationStatsSchema,
  timeToResolve: DurationStatsSchema,
  /** Share of incidents (0..1) that escalated past the first level; null when there were none. */
  escalationRate: z.number().min(0).max(1).nullable(),
  /** Share of incidents whose failover to the lead fired. */
  failoverRate: z.number().min(0).max(1).nullable(),
  /** Share of incidents with a false-positive triage verdict, or a post-mortem answer "did not exist". */
  falsePositiveRate: z.number().min(0).max(1).nullable(),
  /** Share of incidents whose post-mortem answered "could have waited". */
  couldHaveWaitedRate: z.number().min(0).max(1).nullable(),
});
export type ReportFigures = z.infer<typeof ReportFiguresSchema>;

/** One row of a breakdown: the key (a team, service, client or priority id) with its figures. */
export const ReportGroupSchema = z.object({
  key: z.string(),
  /** A readable name where the relay knows one (the team's name, the client's name...). */
  name: z.string(),
  figures: ReportFiguresSchema,
});
export type ReportGroup = z.infer<typeof ReportGroupSchema>;

/** A priority rule whose incidents were often false positives or could have waited: a hint to demote it. */
export const RuleHintSchema = z.object({
  rule: z.string(),
  incidents: z.number().int().nonnegative(),
  falsePositives: z.number().int().nonnegative(),
  couldHaveWaited: z.number().int().nonnegative(),
});
export type RuleHint = z.infer<typeof RuleHintSchema>;

/** What one responder went through in the range. */
export const ResponderFiguresSchema = z.object({
  userId: z.string(),
  name: z.string(),
  /** The time zone nights and weekends were judged in. */
  timeZone: z.string(),
  pages: z.number().int().nonnegative(),
  pagesByChannel: z.record(ChannelSchema, z.number().int().nonnegative()),
  pagesRead: z.number().int().nonnegative(),
  timeToRead: DurationStatsSchema,
  /** Distinct incidents that paged them between 22:00 and 07:00 their time. */
  nightInterruptions: z.number().int().nonnegative(),
  /** Distinct incidents that paged them on a Saturday or Sunday their time. */
  weekendInterruptions: z.number().int().nonnegative(),
  /** Hours on call in the range, from the schedules (overrides included). */
  onCallHours: z.number().nonnegative(),
  actionItemsOpen: z.number().int().nonnegative(),
  actionItemsOverdue: z.number().int().nonnegative(),
});
export type ResponderFigures = z.infer<typeof ResponderFiguresSchema>;

/** Incidents per day (in UTC), by priority: the chart of the range. */
export const ReportDaySchema = z.object({
  date: z.string(),
  byPriority: z.record(PrioritySchema, z.number().int().nonnegative()),
});
export type ReportDay = z.infer<typeof ReportDaySchema>;

/** `GET /api/v1/reports/summary`. Confidential incidents count only for people who may see them. */
export const ReportSchema = z.object({
  query: z.object({
    from: InstantSchema,
    to: InstantSchema,
    team: z.string().optional(),
    service: z.string().optional(),
    client: z.string().optional(),
    priority: PrioritySchema.optional(),
    responder: z.string().optional(),
  }),
  generatedAt: InstantSchema,
  totals: ReportFiguresSchema,
  byTeam: z.array(ReportGroupSchema),
  byService: z.array(ReportGroupSchema),
  byClient: z.array(ReportGroupSchema),
  byPriority: z.array(ReportGroupSchema),
  responders: z.array(ResponderFiguresSchema),
  ruleHints: z.array(RuleHintSchema),
  days: z.array(ReportDaySchema),
  actionItems: z.object({
    open: z.number().int().nonnegative(),
    overdue: z.number().int().nonnegative(),
    done: z.number().int().nonnegative(),
  }),
  postmortems: z.object({
    due: z.number().int().nonnegative(),
    draft: z.number().int().nonnegative(),
    inReview: z.number().int().nonnegative(),
    signedOff: z.number().int().nonnegative(),
  }),
});
export type Report = z.infer<typeof ReportSchema>;
