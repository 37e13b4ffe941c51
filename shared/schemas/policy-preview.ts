import { z } from 'zod';
import { InstantSchema } from './common.js';
import { PolicySchema } from './policy.js';

/** What one line of a policy preview is about. */
export const PreviewStepKindSchema = z.enum(['page', 'nobody-on-call', 'failover']);
export type PreviewStepKind = z.infer<typeof PreviewStepKindSchema>;

/** One line of a policy preview: when it happens, what kind of thing it is, and the sentence. */
export const PreviewStepSchema = z.object({
  at: InstantSchema,
  kind: PreviewStepKindSchema,
  level: z.number().int().nonnegative(),
  loop: z.number().int().nonnegative(),
  /** The users paged (page lines) or told (failover lines), by id. */
  userIds: z.array(z.string()),
  text: z.string(),
});
export type PreviewStep = z.infer<typeof PreviewStepSchema>;

/**
 * What a policy would do to a high-priority alert arriving at `at` if nobody answered: every level
 * entry, every gap in the schedules and the failover, each as a plain sentence.
 */
export const PolicyPreviewSchema = z.object({
  policyId: z.string(),
  at: InstantSchema,
  timeZone: z.string(),
  steps: z.array(PreviewStepSchema),
  /** A one-sentence note on page repeats (high priority re-sends unread pages). */
  repeatNote: z.string(),
});
export type PolicyPreview = z.infer<typeof PolicyPreviewSchema>;

/** The body of `POST /api/v1/policies/:id/preview`: an unsaved draft, and optionally when and where. */
export const PolicyPreviewRequestSchema = z.object({
  policy: PolicySchema,
  at: InstantSchema.optional(),
  timeZone: z.string().optional(),
});
export type PolicyPreviewRequest = z.input<typeof PolicyPreviewRequestSchema>;
