import { z } from 'zod';
import { InstantSchema } from './common.js';

/** The actions the audit trail records (see `server/app/ports/audit.ts` for what each one means). */
export const AuditActionSchema = z.enum([
  'auth.login',
  'auth.login-failed',
  'auth.lockout',
  'auth.lockout-lifted',
  'auth.logout',
  'token.created',
  'token.revoked',
  'device.paired',
  'device.revoked',
  'user.created',
  'user.changed',
  'user.deactivated',
  'config.applied',
  'policy.changed',
  'schedule.changed',
  'notification-rules.changed',
  'integration.key-rotated',
  'connectwise-connection.changed',
  'wallboard-token.created',
  'wallboard-token.revoked',
  'calendar-feed.regenerated',
  'incident.confidential-changed',
  'incident.need-to-know-changed',
  'incident.viewed-confidential',
  'client.created',
  'client.updated',
  'client.deleted',
  'postmortem.created',
  'postmortem.edited',
  'postmortem.commented',
  'postmortem.transitioned',
  'postmortem.exported',
  'postmortem.connectwise-note-posted',
  'maintenance.created',
  'maintenance.updated',
  'maintenance.deleted',
  'maintenance.started',
  'maintenance.ended',
  'maintenance.suppressed',
  'api-token.used',
  'auth.totp-enrolled',
  'auth.totp-disabled',
  'auth.totp-reset',
  'auth.totp-recovery-used',
  'saved-search.created',
  'saved-search.deleted',
  'incident.paged',
  'incident.snoozed',
  'incident.snooze_ended',
  'intel.created',
  'intel.updated',
  'intel.deleted',
  'intel.imported',
  'intel.exported',
  'auth.sso-login',
  'auth.sso-refused',
  'auth.password-refused',
  'slack.linked',
  'slack.unlinked',
  'team.changed',
  'service.changed',
  'integration.created',
  'integration.deleted',
  'priority-rules.changed',
  'status.posted',
  'status.subscriber-added',
  'status.subscriber-removed',
  'status.template-saved',
]);

/** One recorded audit event as `GET /api/v1/audit` shows it. */
export const AuditEntrySchema = z.object({
  seq: z.number().int().positive(),
  at: InstantSchema,
  action: AuditActionSchema,
  actorId: z.string().nullable(),
  address: z.string().nullable(),
  subject: z.object({ kind: z.string(), id: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
  hash: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntrySchema>;

const text = z.string().trim().min(1).max(200);

/**
 * The query of `GET /api/v1/audit`: filters (action, actor, subject, time range) and keyset
 * pagination, newest first: pass the last page's `nextBefore` as `before` for the next page.
 */
export const AuditQuerySchema = z
  .object({
    action: AuditActionSchema.optional(),
    actor: text.optional(),
    subjectKind: text.optional(),
    subjectId: text.optional(),
    from: InstantSchema.optional(),
    to: InstantSchema.optional(),
    before: z.coerce.number().int().positive().optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'must be after from',
    path: ['to'],
  });
export type AuditQuery = z.infer<typeof AuditQuerySchema>;

/** One page of audit events, newest first; `nextBefore` is absent on the last page. */
export const AuditPageSchema = z.object({
  events: z.array(AuditEntrySchema),
  nextBefore: z.number().int().positive().optional(),
});
export type AuditPage = z.infer<typeof AuditPageSchema>;

/** The first row of a chain that does not hold, as the verifier names it. */
export const ChainBreakSchema = z.object({
  table: z.enum(['audit_events', 'timeline_events']),
  row: z.string(),
  incidentId: z.string().optional(),
  field: z.enum(['seq', 'prev_hash', 'hash']),
  expected: z.string(),
  found: z.string(),
});

/** The answer of `GET /api/v1/audit/verify`: intact, or the first broken row. */
export const AuditVerifyReportSchema = z.object({
  intact: z.boolean(),
  auditEvents: z.number().int().nonnegative(),
  timelineEvents: z.number().int().nonnegative(),
  incidents: z.number().int().nonnegative(),
  broken: ChainBreakSchema.optional(),
});
export type AuditVerifyReport = z.infer<typeof AuditVerifyReportSchema>;
