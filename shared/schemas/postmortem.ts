import { z } from 'zod';
import { InstantSchema, LocalDateSchema } from './common.js';
import { PrioritySchema } from './priority.js';
import { ChannelSchema } from './user.js';

/**
 * Post-mortems (issue 14): the field guide's look back after remediation. One record per incident,
 * or per group of linked incidents (the first id is the one it is filed under).
 */

/** Where a post-mortem stands: due (the rule asked for one, nobody wrote yet), draft, in review, signed off. */
export const PostmortemStateSchema = z.enum(['due', 'draft', 'in_review', 'signed_off']);
export type PostmortemState = z.infer<typeof PostmortemStateSchema>;

/** The guide's first question: was the event triggered by a real issue, one that could have waited, or none? */
export const TriggerAnswerSchema = z.enum(['real', 'could_have_waited', 'did_not_exist']);
export type TriggerAnswer = z.infer<typeof TriggerAnswerSchema>;

/** The second: was the alert delivered to the appropriate person; if not, was it missed, or could they not handle it? */
export const DeliveryAnswerSchema = z.enum(['right_person', 'missed', 'could_not_handle']);
export type DeliveryAnswer = z.infer<typeof DeliveryAnswerSchema>;

/** The three questions as structured answers (null: not answered yet). */
export const PostmortemQuestionsSchema = z.object({
  trigger: TriggerAnswerSchema.nullable().default(null),
  delivery: z
    .object({
      answer: DeliveryAnswerSchema.nullable().default(null),
      /** Who missed it or could not handle it (user ids). */
      who: z.array(z.string().min(1).max(200)).max(50).default([]),
      note: z.string().max(5_000).default(''),
    })
    .default({ answer: null, who: [], note: '' }),
  information: z
    .object({
      enough: z.boolean().nullable().default(null),
      /** What was missing (when `enough` is false): the alerting information to update. */
      missing: z.string().max(5_000).default(''),
    })
    .default({ enough: null, missing: '' }),
});
export type PostmortemQuestions = z.infer<typeof PostmortemQuestionsSchema>;

/** What an action item fixes ("fix the alert"): a priority rule, an integration's mapping, a service runbook or a schedule. */
export const ActionItemLinkSchema = z.object({
  kind: z.enum(['priority-rule', 'integration', 'runbook', 'schedule']),
  /** The rule's name, the integration's id, the service's id or the schedule's id. */
  ref: z.string().trim().min(1).max(200),
});
export type ActionItemLink = z.infer<typeof ActionItemLinkSchema>;

export const ActionItemStateSchema = z.enum(['open', 'done', 'wont_do']);
export type ActionItemState = z.infer<typeof ActionItemStateSchema>;

/** One thing to do after the incident, with its owner and due date. */
export const ActionItemSchema = z.object({
  /** Given by the relay when absent; kept stable across edits. */
  id: z.string().min(1).max(100),
  title: z.string().trim().min(1).max(500),
  owner: z.string().min(1).max(200).nullable().default(null),
  dueDate: LocalDateSchema.nullable().default(null),
  state: ActionItemStateSchema.default('open'),
  link: ActionItemLinkSchema.nullable().default(null),
});
export type ActionItem = z.infer<typeof ActionItemSchema>;

/** The fields people write; each is edited on its own (last writer wins per field). */
export const PostmortemFieldsSchema = z.object({
  summary: z.string().max(20_000).default(''),
  impact: z.string().max(20_000).default(''),
  rootCause: z.string().max(20_000).default(''),
  contributingFactors: z.string().max(20_000).default(''),
  questions: PostmortemQuestionsSchema.default({
    trigger: null,
    delivery: { answer: null, who: [], note: '' },
    information: { enough: null, missing: '' },
  }),
  actionItems: z.array(ActionItemSchema).max(200).default([]),
});
export type PostmortemFields = z.infer<typeof PostmortemFieldsSchema>;
export const PostmortemFieldNameSchema = z.enum(['summary', 'impact', 'rootCause', 'contributingFactors', 'questions', 'actionItems']);
export type PostmortemFieldName = z.infer<typeof PostmortemFieldNameSchema>;

/** Who last wrote a field and its version (raised on every write of that field). */
export const FieldStampSchema = z.object({
  version: z.number().int().nonnegative(),
  updatedAt: InstantSchema.nullable(),
  updatedBy: z.string().nullable(),
});
export type FieldStamp = z.infer<typeof FieldStampSchema>;

/** One page of the incident as the post-mortem shows it: who, on which channel, and whether they read it. */
export const DigestPageSchema = z.object({
  userId: z.string(),
  channel: ChannelSchema,
  level: z.number().int().nonnegative(),
  failover: z.boolean(),
  sentAt: InstantSchema.nullable(),
  readAt: InstantSchema.nullable(),
  state: z.enum(['queued', 'sent', 'delivered', 'read', 'failed', 'cancelled']),
  error: z.string().nullable(),
});
export type DigestPage = z.infer<typeof DigestPageSchema>;

/** A step of the timeline digest. */
export const DigestStepSchema = z.object({
  at: InstantSchema,
  kind: z.enum(['first-alert', 'first-page', 'first-read', 'acknowledged', 'escalated', 'failover', 'resolved', 'reopened']),
  /** Who (a user id) when a person did it or was paged; a level number in `detail` for escalations. */
  who: z.string().nullable(),
  detail: z.string(),
});
export type DigestStep = z.infer<typeof DigestStepSchema>;

/** What the relay pre-fills from the record (recomputed on request until signed off, then frozen). */
export const PostmortemDigestSchema = z.object({
  incidentIds: z.array(z.string()),
  priority: PrioritySchema,
  summary: z.string(),
  serviceId: z.string(),
  teamId: z.string(),
  clientId: z.string().nullable(),
  steps: z.array(DigestStepSchema),
  firstAlertAt: InstantSchema,
  firstPageAt: InstantSchema.nullable(),
  firstReadAt: InstantSchema.nullable(),
  acknowledgedAt: InstantSchema.nullable(),
  resolvedAt: InstantSchema.nullable(),
  /** Milliseconds from the first alert; null when it never happened. */
  timeToReadMs: z.number().int().nonnegative().nullable(),
  timeToAcknowledgeMs: z.number().int().nonnegative().nullable(),
  timeToResolveMs: z.number().int().nonnegative().nullable(),
  pages: z.array(DigestPageSchema),
  failedPages: z.number().int().nonnegative(),
  escalations: z.number().int().nonnegative(),
  /** The failover report: when the lead was paged because nobody read, and whether the lead read it. */
  failover: z
    .object({ at: InstantSchema, leadId: z.string().nullable(), readAt: InstantSchema.nullable() })
    .nullable(),
  /** Alerts folded into the incident(s) (alert count minus one each). */
  foldedAlerts: z.number().int().nonnegative(),
  triageVerdict: z.enum(['confirmed', 'false_positive']).nullable(),
  /** The priority rule that set the priority on ingest, when one did. */
  priorityRule: z.string().nullable(),
});
export type PostmortemDigest = z.infer<typeof PostmortemDigestSchema>;

/** A comment on a post-mortem. */
export const PostmortemCommentSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  at: InstantSchema,
  body: z.string().min(1).max(10_000),
});
export type PostmortemComment = z.infer<typeof PostmortemCommentSchema>;

/** A post-mortem as the API and the console socket return it. */
export const PostmortemSchema = z.object({
  id: z.string(),
  /** The incidents it covers, the one it is filed under first. */
  incidentIds: z.array(z.string()).min(1),
  state: PostmortemStateSchema,
  /** Why it is needed: the name of the rule that asked for it, or "manual". */
  reason: z.string(),
  /** When it should be signed off (the rule's deadline), if any. */
  dueAt: InstantSchema.nullable(),
  fields: PostmortemFieldsSchema,
  stamps: z.record(PostmortemFieldNameSchema, FieldStampSchema),
  digest: PostmortemDigestSchema,
  comments: z.array(PostmortemCommentSchema),
  createdAt: InstantSchema,
  updatedAt: InstantSchema,
  reviewRequestedBy: z.string().nullable(),
  signedOffBy: z.string().nullable(),
  signedOffAt: InstantSchema.nullable(),
  /** Raised on every change; consoles drop stale updates with it. */
  version: z.number().int().nonnegative(),
});
export type Postmortem = z.infer<typeof PostmortemSchema>;

/** One row of the Post-mortems page and the board's due marker. */
export const PostmortemSummarySchema = z.object({
  id: z.string(),
  incidentIds: z.array(z.string()).min(1),
  state: PostmortemStateSchema,
  reason: z.string(),
  dueAt: InstantSchema.nullable(),
  summary: z.string(),
  priority: PrioritySchema,
  openActionItems: z.number().int().nonnegative(),
  updatedAt: InstantSchema,
});
export type PostmortemSummary = z.infer<typeof PostmortemSummarySchema>;

/**
 * An edit of one field (`postmortem:edit` on the console socket, or `PATCH /api/v1/postmortems/:id`).
 * `baseVersion` is the field's version the editor started from: when someone else wrote the field
 * since, the edit still wins (last writer wins) and the answer carries a conflict note naming them.
 */
export const PostmortemEditSchema = z.discriminatedUnion('field', [
  z.object({ field: z.literal('summary'), value: PostmortemFieldsSchema.shape.summary, baseVersion: z.number().int().nonnegative() }),
  z.object({ field: z.literal('impact'), value: PostmortemFieldsSchema.shape.impact, baseVersion: z.number().int().nonnegative() }),
  z.object({ field: z.literal('rootCause'), value: PostmortemFieldsSchema.shape.rootCause, baseVersion: z.number().int().nonnegative() }),
  z.object({
    field: z.literal('contributingFactors'),
    value: PostmortemFieldsSchema.shape.contributingFactors,
    baseVersion: z.number().int().nonnegative(),
  }),
  z.object({ field: z.literal('questions'), value: PostmortemQuestionsSchema, baseVersion: z.number().int().nonnegative() }),
  z.object({
    field: z.literal('actionItems'),
    value: z.array(ActionItemSchema.extend({ id: z.string().min(1).max(100).optional() })).max(200),
    baseVersion: z.number().int().nonnegative(),
  }),
]);
export type PostmortemEdit = z.infer<typeof PostmortemEditSchema>;

/** The answer to an edit: the post-mortem after it, and a note when the edit overwrote someone else's. */
export const PostmortemEditResultSchema = z.object({
  postmortem: PostmortemSchema,
  conflict: z
    .object({ field: PostmortemFieldNameSchema, overwrote: z.string().nullable(), at: InstantSchema.nullable() })
    .nullable(),
});
export type PostmortemEditResult = z.infer<typeof PostmortemEditResultSchema>;

/** `POST /api/v1/postmortems`: start one by hand for an incident, optionally covering linked incidents. */
export const CreatePostmortemSchema = z.object({
  incidentIds: z.array(z.string().min(1).max(200)).min(1).max(50),
});

/** `POST /api/v1/postmortems/:id/comments`. */
export const AddPostmortemCommentSchema = z.object({ body: z.string().trim().min(1).max(10_000) });

/** `POST /api/v1/postmortems/:id/transition`: submit for review, send back to draft, sign off (IR manager/admin). */
export const PostmortemTransitionSchema = z.object({
  to: z.enum(['draft', 'in_review', 'signed_off']),
  note: z.string().max(2_000).optional(),
});
