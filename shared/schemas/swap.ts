import { z } from 'zod';
import { InstantSchema, LocalDateTimeSchema, SlugSchema } from './common.js';

/** Where a shift swap request stands: it waits for the other member, who accepts or declines it. */
export const SwapStatusSchema = z.enum(['pending', 'accepted', 'declined', 'cancelled']);
export type SwapStatus = z.infer<typeof SwapStatusSchema>;

/**
 * A member asks another member (`target`) to take their on-call time in one schedule from `start`
 * to `end` (wall-clock times in the schedule's zone); accepted, it becomes an override.
 */
export const SwapRequestSchema = z.object({
  id: z.string().min(1),
  scheduleId: SlugSchema,
  requester: SlugSchema,
  target: SlugSchema,
  start: LocalDateTimeSchema,
  end: LocalDateTimeSchema,
  note: z.string().max(500),
  status: SwapStatusSchema,
  createdAt: InstantSchema,
  decidedAt: InstantSchema.nullable(),
  decidedBy: SlugSchema.nullable(),
});
export type SwapRequest = z.infer<typeof SwapRequestSchema>;

/** The body of `POST /api/v1/schedules/:id/swaps`: whom to ask, and which time to hand over. */
export const CreateSwapSchema = z
  .object({
    target: SlugSchema,
    start: LocalDateTimeSchema,
    end: LocalDateTimeSchema,
    note: z.string().trim().max(500).default(''),
  })
  .refine((s) => s.start < s.end, { message: 'end must be after start', path: ['end'] });
export type CreateSwap = z.infer<typeof CreateSwapSchema>;

/** The body of `POST /api/v1/swaps/:id/decision`: the target accepts or declines, the requester cancels. */
export const SwapDecisionSchema = z.object({ decision: z.enum(['accept', 'decline', 'cancel']) });
export type SwapDecision = z.infer<typeof SwapDecisionSchema>['decision'];
