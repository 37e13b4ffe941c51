import { z } from 'zod';
import { InstantSchema, parseDuration } from './common.js';

/** The shortest snooze: a minute (the console offers 15 minutes and more). */
export const SNOOZE_MIN_SECONDS = 60;
/** The longest snooze: seven days, whether asked as a duration or as an instant. */
export const SNOOZE_MAX_SECONDS = 7 * 86_400;

const SnoozeDurationSchema = z
  .union([z.number().int(), z.string().max(20)])
  .transform((value, ctx) => {
    const seconds = typeof value === 'number' ? value : parseDuration(value);
    if (seconds === undefined) {
      ctx.addIssue({ code: 'custom', message: 'use a duration such as "15m", "1h", "4h" or "2d"' });
      return z.NEVER;
    }
    if (seconds < SNOOZE_MIN_SECONDS || seconds > SNOOZE_MAX_SECONDS) {
      ctx.addIssue({ code: 'custom', message: 'a snooze lasts from 1 minute to 7 days' });
      return z.NEVER;
    }
    return seconds;
  });

/** How long to snooze: `duration` ("15m", "4h" or seconds) or `until` (an instant), exactly one. */
export const SnoozeFieldsSchema = z.object({
  duration: SnoozeDurationSchema.optional(),
  until: InstantSchema.optional(),
});

const exactlyOne = (value: { duration?: number; until?: string }, ctx: z.RefinementCtx) => {
  if ((value.duration === undefined) === (value.until === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['duration'], message: 'give either duration or until' });
  }
};

/** The body of `POST /api/v1/incidents/:id/snooze`. */
export const SnoozeRequestSchema = SnoozeFieldsSchema.superRefine(exactlyOne);
export type SnoozeRequest = z.infer<typeof SnoozeRequestSchema>;

/** `incident:snooze` from a console: snooze acknowledged incidents. */
export const SnoozeCommandSchema = SnoozeFieldsSchema.extend({
  incidentIds: z.array(z.string().min(1).max(200)).min(1).max(500),
}).superRefine(exactlyOne);
export type SnoozeCommand = z.infer<typeof SnoozeCommandSchema>;

/** `incident:snooze` from a phone: snooze the incident of a page for a `duration`. */
export const DeviceSnoozeCommandSchema = z.object({ incidentId: z.string().min(1).max(200), duration: SnoozeDurationSchema });

/** `incident:unsnooze` from a console: end the snooze now (the incidents stay acknowledged). */
export const UnsnoozeCommandSchema = z.object({ incidentIds: z.array(z.string().min(1).max(200)).min(1).max(500) });
