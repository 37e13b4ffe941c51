import { z } from 'zod';
import { SlugSchema } from './common.js';
import { PrioritySchema } from './priority.js';

/**
 * The body of `POST /api/v1/pages`: page one person now about something no alert reported. The
 * relay opens an incident on `serviceId` (by default the first service of a team the person is in)
 * and pages the person directly through their notify rules, like the console's "page a person".
 */
export const AdHocPageInputSchema = z
  .object({
    userId: SlugSchema,
    summary: z.string().trim().min(3).max(500),
    serviceId: SlugSchema.optional(),
    priority: PrioritySchema.default('high'),
  })
  .strict();
export type AdHocPageInput = z.input<typeof AdHocPageInputSchema>;
export type AdHocPage = z.output<typeof AdHocPageInputSchema>;
