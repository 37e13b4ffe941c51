import { z } from 'zod';
import { InstantSchema, LocalDateTimeSchema, SlugSchema, TimeZoneSchema } from './common.js';
import { PatternSchema } from './pattern.js';

/** What happens to a window's still-open suppressed incidents when it ends: left unpaged, or handed to escalation. */
export const MaintenanceOnEndSchema = z.enum(['drop', 'release']);
export type MaintenanceOnEnd = z.infer<typeof MaintenanceOnEndSchema>;

/**
 * Which alerts a window covers. Every condition given must hold (services and clients: any one of the
 * listed; labels: every pattern found in the alert's label of that name); at least one is required.
 */
export const MaintenanceMatchSchema = z
  .object({
    services: z.array(SlugSchema).max(500).default([]),
    clients: z.array(SlugSchema).max(500).default([]),
    labels: z.record(z.string().min(1).max(200), PatternSchema).default({}),
  })
  .refine((m) => m.services.length + m.clients.length + Object.keys(m.labels).length > 0, {
    message: 'name at least one service, client or label',
  });
export type MaintenanceMatch = z.infer<typeof MaintenanceMatchSchema>;

/** An RRULE body (RFC 5545) without DTSTART, e.g. "FREQ=WEEKLY;BYDAY=SU"; the relay checks it further. */
export const RruleTextSchema = z
  .string()
  .trim()
  .max(500)
  .regex(/^(?:RRULE:)?FREQ=[A-Z]+(?:;[A-Z]+=[A-Za-z0-9,:+-]+)*$/, 'use an RRULE such as "FREQ=WEEKLY;BYDAY=SU"');

/** The longest a window (or one occurrence) may last, in minutes: 31 days. */
export const MAX_WINDOW_MINUTES = 31 * 24 * 60;

/** A repeating window: occurrences start at the rule's local wall times in the window's time zone and last `durationMinutes`. */
export const MaintenanceRecurrenceSchema = z.object({
  rrule: RruleTextSchema,
  /** The first occurrence's local start ("2026-03-29T02:00"), read in the window's time zone. */
  start: LocalDateTimeSchema,
  durationMinutes: z.number().int().min(1).max(MAX_WINDOW_MINUTES),
});
export type MaintenanceRecurrence = z.infer<typeof MaintenanceRecurrenceSchema>;

const windowFields = {
  name: z.string().trim().min(1).max(200),
  reason: z.string().trim().max(2_000).default(''),
  match: MaintenanceMatchSchema,
  /** The zone recurrences are read in; when absent the relay takes the client's or the team's zone. */
  timeZone: TimeZoneSchema.optional(),
  /** A one-off window's start and end (instants); absent for a recurring window. */
  startsAt: InstantSchema.optional(),
  endsAt: InstantSchema.optional(),
  recurrence: MaintenanceRecurrenceSchema.optional(),
  onEnd: MaintenanceOnEndSchema.default('release'),
};

type WindowTiming = { startsAt?: string | undefined; endsAt?: string | undefined; recurrence?: unknown };

// A window is either one-off (start and end) or recurring (a rule), and ends after it starts.
function checkTiming(w: WindowTiming, ctx: z.RefinementCtx): void {
  if (w.recurrence) {
    if (w.startsAt !== undefined || w.endsAt !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'a recurring window has no startsAt/endsAt; its recurrence says when' });
    }
    return;
  }
  if (w.startsAt === undefined) ctx.addIssue({ code: 'custom', path: ['startsAt'], message: 'give startsAt and endsAt, or a recurrence' });
  if (w.endsAt === undefined) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'give startsAt and endsAt, or a recurrence' });
  if (w.startsAt === undefined || w.endsAt === undefined) return;
  const length = Date.parse(w.endsAt) - Date.parse(w.startsAt);
  if (!(length > 0)) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'endsAt must be after startsAt' });
  else if (length > MAX_WINDOW_MINUTES * 60_000) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'a window lasts 31 days at most' });
}

/** The body of `POST /api/v1/maintenance-windows` and `PUT /api/v1/maintenance-windows/:id`. */
export const MaintenanceWindowInputSchema = z
  .object({ id: SlugSchema.optional(), ...windowFields })
  .strict()
  .superRefine(checkTiming);
export type MaintenanceWindowInput = z.input<typeof MaintenanceWindowInputSchema>;
export type MaintenanceWindowDraft = z.output<typeof MaintenanceWindowInputSchema>;

/** A window as the config file's `maintenance:` section declares it (its id is required there). */
export const MaintenanceWindowConfigSchema = z
  .object({ id: SlugSchema, ...windowFields })
  .strict()
  .superRefine(checkTiming);
export type MaintenanceWindowConfig = z.output<typeof MaintenanceWindowConfigSchema>;

/** A stored maintenance window. */
export const MaintenanceWindowSchema = z.object({
  id: SlugSchema,
  ...windowFields,
  timeZone: TimeZoneSchema,
  /** Who created it: a user id, or "config" for a window from the config file. */
  createdBy: z.string(),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  /** Set when someone ended the window early: the occurrence running then ended at this instant. */
  endedAt: InstantSchema.nullable(),
  /** Which side last set it: the config file or the console. */
  managedBy: z.enum(['file', 'console']),
});
export type MaintenanceWindow = z.infer<typeof MaintenanceWindowSchema>;

/** One occurrence of a window: from `start` (inclusive) to `end` (exclusive). */
export const OccurrenceSchema = z.object({ start: InstantSchema, end: InstantSchema });
export type Occurrence = z.infer<typeof OccurrenceSchema>;

/** Where a window stands now. */
export const MaintenanceStateSchema = z.enum(['active', 'upcoming', 'past']);
export type MaintenanceState = z.infer<typeof MaintenanceStateSchema>;

/** A window as the API lists it: its state, the occurrence running now and the next one. */
export const MaintenanceWindowViewSchema = MaintenanceWindowSchema.extend({
  state: MaintenanceStateSchema,
  current: OccurrenceSchema.nullable(),
  next: OccurrenceSchema.nullable(),
});
export type MaintenanceWindowView = z.infer<typeof MaintenanceWindowViewSchema>;

/** The body of `POST /api/v1/maintenance-windows/preview`: the next occurrences of a draft recurrence. */
export const MaintenancePreviewInputSchema = z.object({
  recurrence: MaintenanceRecurrenceSchema,
  timeZone: TimeZoneSchema,
  count: z.number().int().min(1).max(20).default(5),
});

/** What an incident carries while a window holds it: the window's id and name, for the board. */
export const SuppressedBySchema = z.object({ id: z.string(), name: z.string() });
export type SuppressedBy = z.infer<typeof SuppressedBySchema>;

/** An active window as the wallboard lists it (names only; no matchers, so nothing confidential). */
export const ActiveMaintenanceSchema = z.object({ id: z.string(), name: z.string(), endsAt: InstantSchema });
export type ActiveMaintenance = z.infer<typeof ActiveMaintenanceSchema>;

/**
 * The window the board shows an incident muted by: one that holds it back (or dropped it at its end)
 * while it is still open and no escalation runs; undefined otherwise.
 */
export function mutedBy(incident: { suppressedBy?: SuppressedBy | null | undefined; status: string; escalation: string }): SuppressedBy | undefined {
  const held = incident.status === 'triggered' && (incident.escalation === 'deferred' || incident.escalation === 'none');
  return held && incident.suppressedBy ? incident.suppressedBy : undefined;
}
