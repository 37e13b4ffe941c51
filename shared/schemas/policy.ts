import { z } from 'zod';
import { DurationSchema, SlugSchema } from './common.js';

/** The escalation factor: what stops an escalation. */
export const StopOnSchema = z.enum(['read', 'acknowledged', 'resolved']);
export type StopOn = z.infer<typeof StopOnSchema>;

/** Who a level pages: one person, or whoever is on call in a schedule. */
export const TargetSchema = z.union([
  z.object({ user: SlugSchema }).strict(),
  z.object({ schedule: SlugSchema }).strict(),
]);
export type Target = z.infer<typeof TargetSchema>;

/** One escalation level: its targets, and how long to wait (the escalation interval) before the next. */
export const LevelSchema = z.object({
  delay: DurationSchema,
  targets: z.array(TargetSchema).min(1),
});
export type Level = z.infer<typeof LevelSchema>;

/** Who hears when a whole escalation went unanswered. */
export const FailoverSchema = z.object({
  email: z.array(z.email()).default([]),
  users: z.array(SlugSchema).default([]),
});
export type Failover = z.infer<typeof FailoverSchema>;

/** An escalation policy: levels, the stop condition, loops, page repeats and the failover. */
export const PolicySchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(200),
  team: SlugSchema.optional(),
  stopOn: StopOnSchema.default('acknowledged'),
  repeat: z.number().int().min(0).max(20).default(0),
  repeatPageEvery: DurationSchema.refine((s) => s >= 10, 'repeat pages at most every 10s').default(60),
  levels: z.array(LevelSchema).min(1),
  failover: FailoverSchema.default({ email: [], users: [] }),
});
export type Policy = z.infer<typeof PolicySchema>;
