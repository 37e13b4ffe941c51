import { z } from 'zod';
import { LocalDateSchema, LocalTimeSchema, SlugSchema, TimeZoneSchema, WeekdaySchema } from './common.js';

/** The weekly hours in which medium and low incidents are released to the escalation engine. */
export const BusinessHoursSchema = z.object({
  days: z.array(WeekdaySchema).min(1),
  start: LocalTimeSchema,
  end: LocalTimeSchema,
});
export type BusinessHours = z.infer<typeof BusinessHoursSchema>;

/** A team: its people, its time zone, its business hours and the days it does not work. */
export const TeamSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  timeZone: TimeZoneSchema,
  businessHours: BusinessHoursSchema,
  holidays: z.array(LocalDateSchema).default([]),
  members: z.array(SlugSchema).default([]),
});
export type Team = z.infer<typeof TeamSchema>;
