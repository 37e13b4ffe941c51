import { z } from 'zod';
import {
  DurationSchema,
  LocalDateTimeSchema,
  LocalTimeSchema,
  SlugSchema,
  TimeZoneSchema,
  WeekdaySchema,
} from './common.js';

/**
 * How a rotation's handoffs follow the clock: `wall-clock` keeps them at the same local times of day
 * across DST changes (a shift over a change is an hour shorter or longer), `elapsed` keeps every
 * shift exactly `shiftLength` long (the local times move an hour at a change).
 */
export const HandoffClockSchema = z.enum(['wall-clock', 'elapsed']);
export type HandoffClock = z.infer<typeof HandoffClockSchema>;

/**
 * Participants who take turns, each for `shiftLength` seconds, the first from `start` (nobody
 * before it). `handoffs` defaults to `wall-clock` for whole-day lengths and `elapsed` otherwise.
 * `handoff` is the old name of `start`, still read so older config files load as they are.
 */
export const RotationSchema = z
  .object({
    participants: z.array(SlugSchema).min(1),
    shiftLength: DurationSchema.refine((s) => s >= 900, 'a shift must last at least 15m'),
    start: LocalDateTimeSchema.optional().describe('The first handoff, local to the schedule; nobody is on call from this rotation before it.'),
    handoff: LocalDateTimeSchema.optional().describe('Deprecated: the old name of start.'),
    handoffs: HandoffClockSchema.optional().describe(
      'wall-clock: hand over at the same local times across DST; elapsed: every shift exactly shiftLength. Default: wall-clock for whole days, elapsed otherwise.',
    ),
  })
  .superRefine((r, ctx) => {
    if (r.start === undefined && r.handoff === undefined) {
      ctx.addIssue({ code: 'custom', path: ['start'], message: 'start is required (YYYY-MM-DDTHH:MM)' });
    } else if (r.start !== undefined && r.handoff !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['handoff'], message: 'handoff is the old name of start; give start only' });
    }
  })
  .transform(({ handoff, start, handoffs, ...rest }) => ({
    ...rest,
    start: (start ?? handoff) as string,
    ...(handoffs !== undefined ? { handoffs } : {}),
  }));
export type Rotation = z.infer<typeof RotationSchema>;

/** A weekly window a layer is limited to; `end` before `start` runs past midnight. */
export const RestrictionSchema = z.object({
  days: z.array(WeekdaySchema).min(1),
  start: LocalTimeSchema,
  end: LocalTimeSchema,
});
export type Restriction = z.infer<typeof RestrictionSchema>;

/** One layer of a schedule; later layers win where they have someone on call. */
export const LayerSchema = z.object({
  name: z.string().min(1).max(200),
  rotation: RotationSchema,
  restrictions: z.array(RestrictionSchema).default([]),
});
export type Layer = z.infer<typeof LayerSchema>;

/** Someone covers a window; with `replaces` only that person's time, otherwise the whole schedule. */
export const OverrideSchema = z
  .object({
    user: SlugSchema,
    replaces: SlugSchema.optional(),
    start: LocalDateTimeSchema,
    end: LocalDateTimeSchema,
  })
  .refine((o) => o.start < o.end, { message: 'end must be after start', path: ['end'] });
export type Override = z.infer<typeof OverrideSchema>;

/** An on-call schedule: layers of rotations plus overrides, read in `timeZone`. */
export const ScheduleSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  team: SlugSchema,
  timeZone: TimeZoneSchema,
  owner: SlugSchema.optional(),
  layers: z.array(LayerSchema).min(1),
  overrides: z.array(OverrideSchema).default([]),
});
export type Schedule = z.infer<typeof ScheduleSchema>;
