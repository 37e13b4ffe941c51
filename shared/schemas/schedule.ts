import { z } from 'zod';
import {
  DurationSchema,
  LocalDateTimeSchema,
  LocalTimeSchema,
  SlugSchema,
  TimeZoneSchema,
  WeekdaySchema,
} from './common.js';

/** Participants who take turns, each for `shiftLength` seconds, the first from `handoff`. */
export const RotationSchema = z.object({
  participants: z.array(SlugSchema).min(1),
  shiftLength: DurationSchema.refine((s) => s >= 900, 'a shift must last at least 15m'),
  handoff: LocalDateTimeSchema,
});
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
