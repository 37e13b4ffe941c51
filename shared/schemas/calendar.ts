import { z } from 'zod';
import { InstantSchema, LocalDateSchema, LocalDateTimeSchema, SlugSchema } from './common.js';
import { OverrideSchema, ScheduleSchema } from './schedule.js';

/** The two calendar views the console draws. */
export const CalendarViewKindSchema = z.enum(['month', 'week']);
export type CalendarViewKind = z.infer<typeof CalendarViewKindSchema>;

/** One day of a calendar view: its date in the schedule's zone and the instants it spans. */
export const CalendarDaySchema = z.object({ date: LocalDateSchema, start: InstantSchema, end: InstantSchema });
export type CalendarDay = z.infer<typeof CalendarDaySchema>;

/** One stretch of an on-call line, as the API sends it (a gap has no users). */
export const CalendarBarSchema = z.object({
  start: InstantSchema,
  end: InstantSchema,
  users: z.array(z.string()),
  layer: z.string().nullable(),
  override: z.boolean(),
});
export type CalendarBar = z.infer<typeof CalendarBarSchema>;

/** One line of the calendar: the final on-call line, or one layer's own line. */
export const CalendarRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  kind: z.enum(['final', 'layer']),
  bars: z.array(CalendarBarSchema),
});
export type CalendarRow = z.infer<typeof CalendarRowSchema>;

/** Who is on call now, and the next handoff (null when nothing changes within the horizon). */
export const OnCallNowSchema = z.object({
  users: z.array(z.string()),
  layer: z.string().nullable(),
  override: z.boolean(),
  nextHandoff: z.object({ at: InstantSchema, users: z.array(z.string()) }).nullable(),
});
export type OnCallNow = z.infer<typeof OnCallNowSchema>;

/**
 * Who keeps a schedule: `config` when the KLAXON_CONFIG file declares it and nobody has edited it
 * in the console since, `console` when it was edited (or created) through the API.
 */
export const ScheduleOriginSchema = z.enum(['config', 'console']);
export type ScheduleOrigin = z.infer<typeof ScheduleOriginSchema>;

/** A person as the calendar names them. */
export const PersonSchema = z.object({ id: z.string(), name: z.string() });
export type Person = z.infer<typeof PersonSchema>;

/** A schedule as the console lists it, with what the signed-in user may do. */
export const ScheduleSummarySchema = z.object({
  schedule: ScheduleSchema,
  origin: ScheduleOriginSchema,
  declaredInConfig: z.boolean(),
  mayEdit: z.boolean(),
  onCall: OnCallNowSchema,
  people: z.array(PersonSchema),
});
export type ScheduleSummary = z.infer<typeof ScheduleSummarySchema>;

/** `GET /api/v1/schedules/:id/calendar`: the days of the view and the lines to draw over them. */
export const CalendarViewSchema = z.object({
  scheduleId: SlugSchema,
  view: CalendarViewKindSchema,
  timeZone: z.string(),
  days: z.array(CalendarDaySchema),
  rows: z.array(CalendarRowSchema),
});
export type CalendarView = z.infer<typeof CalendarViewSchema>;

/** The body of `POST /api/v1/schedules/:id/overrides`: overrides added in one go. */
export const AddOverridesSchema = z.object({ overrides: z.array(OverrideSchema).min(1).max(100) });

/** One person's on-call load over a window. */
export const PersonLoadSchema = z.object({
  userId: z.string(),
  name: z.string(),
  onCallHours: z.number(),
  offHoursHours: z.number(),
  pages: z.number().int(),
  nightPages: z.number().int(),
  incidentsHandled: z.number().int(),
});
export type PersonLoad = z.infer<typeof PersonLoadSchema>;

/** `GET /api/v1/schedules/:id/fairness`: everyone's load over [from, to). */
export const FairnessReportSchema = z.object({
  scheduleId: SlugSchema,
  from: InstantSchema,
  to: InstantSchema,
  people: z.array(PersonLoadSchema),
});
export type FairnessReport = z.infer<typeof FairnessReportSchema>;

/** One proposed override of a rebalance, with the hours it moves. */
export const SuggestedOverrideSchema = z.object({
  user: SlugSchema,
  replaces: SlugSchema,
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  hours: z.number(),
});
export type SuggestedOverride = z.infer<typeof SuggestedOverrideSchema>;

/** `GET /api/v1/schedules/:id/rebalance`: overrides that even out the coming weeks, and the loads. */
export const RebalanceSuggestionSchema = z.object({
  scheduleId: SlugSchema,
  from: InstantSchema,
  to: InstantSchema,
  overrides: z.array(SuggestedOverrideSchema),
  before: z.record(z.string(), z.number()),
  after: z.record(z.string(), z.number()),
});
export type RebalanceSuggestion = z.infer<typeof RebalanceSuggestionSchema>;

/**
 * A calendar subscription as listed: which feed it is and when its link was made (null: never). The
 * link itself is shown only once, when it is made or renewed, because the relay keeps only its hash.
 */
export const CalendarFeedSchema = z.object({
  kind: z.enum(['user', 'schedule']),
  subject: z.string(),
  label: z.string(),
  createdAt: InstantSchema.nullable(),
});
export type CalendarFeed = z.infer<typeof CalendarFeedSchema>;

/** A feed just made or renewed, with the URL calendars subscribe to: the only time it is shown. */
export const IssuedCalendarFeedSchema = CalendarFeedSchema.extend({ createdAt: InstantSchema, url: z.string() });
export type IssuedCalendarFeed = z.infer<typeof IssuedCalendarFeedSchema>;

/** The body of `POST /api/v1/calendar-feeds/regenerate`: which feed gets a new token. */
export const RegenerateFeedSchema = z.object({ kind: z.enum(['user', 'schedule']), subject: SlugSchema });
