import { z } from 'zod';
import { SlugSchema } from './common.js';

/** Where an incident stands in the words stakeholders read (the status-page stages). */
export const StatusStageSchema = z.enum(['investigating', 'identified', 'monitoring', 'resolved']);
export type StatusStage = z.infer<typeof StatusStageSchema>;

/** What a subscriber follows: the incidents of one service, or of one client. */
export const StatusScopeSchema = z.enum(['service', 'client']);
export type StatusScope = z.infer<typeof StatusScopeSchema>;

/** A stakeholder to add: a client contact or an internal stakeholder who gets status updates by e-mail. */
export const StatusSubscriberInputSchema = z.object({
  name: z.string().trim().min(1, 'give a name').max(200),
  email: z.email('use an e-mail address').max(320),
  scope: StatusScopeSchema,
  scopeId: SlugSchema,
});
export type StatusSubscriberInput = z.infer<typeof StatusSubscriberInputSchema>;

/** A stakeholder as the relay keeps them. */
export const StatusSubscriberSchema = StatusSubscriberInputSchema.extend({
  id: z.string(),
  createdAt: z.string(),
});
export type StatusSubscriber = z.infer<typeof StatusSubscriberSchema>;

/**
 * The words of one stage's update. `{{summary}}`, `{{service}}`, `{{client}}`, `{{stage}}`,
 * `{{message}}` and `{{opened}}` are filled in; anything else in braces is left as written.
 */
export const StatusTemplateSchema = z.object({
  stage: StatusStageSchema,
  subject: z.string().trim().min(1, 'give a subject').max(200),
  body: z.string().trim().min(1, 'give a body').max(4000),
});
export type StatusTemplate = z.infer<typeof StatusTemplateSchema>;

/** A stage's template as the console edits it: the words in use, and whether and by whom they were changed. */
export const StatusTemplateViewSchema = StatusTemplateSchema.extend({
  edited: z.boolean(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type StatusTemplateView = z.infer<typeof StatusTemplateViewSchema>;

/** The body of `PUT /api/v1/status/templates/:stage`. */
export const StatusTemplateEditSchema = StatusTemplateSchema.omit({ stage: true });
export type StatusTemplateEdit = z.infer<typeof StatusTemplateEditSchema>;

/**
 * A manager's status update on an incident. A confidential incident sends nothing unless
 * `sendConfidential` is true (the manager has chosen to tell its stakeholders).
 */
export const PostStatusUpdateSchema = z.object({
  stage: StatusStageSchema,
  message: z.string().trim().min(1, 'write what stakeholders should know').max(4000),
  sendConfidential: z.boolean().optional(),
});
export type PostStatusUpdate = z.infer<typeof PostStatusUpdateSchema>;

/** One status update as posted: who posted it, and whom it went to. */
export const StatusUpdateSchema = z.object({
  id: z.string(),
  incidentId: z.string(),
  stage: StatusStageSchema,
  message: z.string(),
  postedBy: z.string(),
  postedAt: z.string(),
  /** How many stakeholders' e-mail addresses it is sent to. */
  recipients: z.number().int().nonnegative(),
  /** How many Microsoft Teams channels it is posted to. */
  channels: z.number().int().nonnegative(),
  confidential: z.boolean(),
});
export type StatusUpdate = z.infer<typeof StatusUpdateSchema>;

/** What `GET /api/v1/incidents/:id/status-updates` answers: the updates, and whom a new one would reach. */
export const IncidentStatusUpdatesSchema = z.object({
  updates: z.array(StatusUpdateSchema),
  /** Who an update would reach now: how many addresses, how many Teams channels, and whether the incident's Slack thread. */
  audience: z.object({ recipients: z.number().int().nonnegative(), channels: z.number().int().nonnegative(), slack: z.boolean() }),
});
export type IncidentStatusUpdates = z.infer<typeof IncidentStatusUpdatesSchema>;
