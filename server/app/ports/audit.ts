import type { StoreSession } from './store.js';

/**
 * What the audit trail records: every use of power (logins, tokens, roles and users, config applies,
 * policy/schedule/rule edits, key rotation, confidential toggles, need-to-know list changes) and every
 * view of a confidential incident. Dotted names, past tense, like timeline events.
 */
export type AuditAction =
  | 'auth.login'
  | 'auth.login-failed'
  | 'auth.lockout'
  | 'auth.lockout-lifted'
  | 'auth.logout'
  | 'token.created'
  | 'token.revoked'
  | 'device.paired'
  | 'device.revoked'
  | 'user.created'
  | 'user.changed'
  | 'user.deactivated'
  | 'config.applied'
  | 'policy.changed'
  | 'schedule.changed'
  | 'notification-rules.changed'
  | 'integration.key-rotated'
  | 'connectwise-connection.changed'
  | 'wallboard-token.created'
  | 'wallboard-token.revoked'
  | 'calendar-feed.regenerated'
  | 'incident.confidential-changed'
  | 'incident.need-to-know-changed'
  | 'incident.viewed-confidential'
  | 'client.created'
  | 'client.updated'
  | 'client.deleted'
  | 'postmortem.created'
  | 'postmortem.edited'
  | 'postmortem.commented'
  | 'postmortem.transitioned'
  | 'postmortem.exported'
  | 'postmortem.connectwise-note-posted'
  | 'maintenance.created'
  | 'maintenance.updated'
  | 'maintenance.deleted'
  | 'maintenance.started'
  | 'maintenance.ended'
  | 'maintenance.suppressed'
  | 'api-token.used'
  | 'auth.totp-enrolled'
  | 'auth.totp-disabled'
  | 'auth.totp-reset'
  | 'auth.totp-recovery-used'
  | 'saved-search.created'
  | 'saved-search.deleted'
  | 'incident.paged'
  | 'incident.snoozed'
  | 'incident.snooze_ended'
  | 'intel.created'
  | 'intel.updated'
  | 'intel.deleted'
  | 'intel.imported'
  | 'intel.exported'
  /** Single sign-on: a person signed in through the OpenID Connect issuer, or was refused (with why). */
  | 'auth.sso-login'
  | 'auth.sso-refused'
  /** A password sign-in refused because the relay takes single sign-on only. */
  | 'auth.password-refused'
  /** A person linked or unlinked their Slack account (button presses then act as them). */
  | 'slack.linked'
  | 'slack.unlinked'
  /** Admin screens (issue 16): teams, services, their integrations and priority rules. */
  | 'team.changed'
  | 'service.changed'
  | 'integration.created'
  | 'integration.deleted'
  | 'priority-rules.changed'
  /** Stakeholder status updates: an update posted, subscribers added or removed, a stage's words saved. */
  | 'status.posted'
  | 'status.subscriber-added'
  | 'status.subscriber-removed'
  | 'status.template-saved';

/** One audit event as a caller hands it over; the trail adds the time, the sequence and the hashes. */
export interface AuditEvent {
  action: AuditAction;
  /** Who did it: a user id, or null for the relay itself or an unknown caller (a failed login). */
  actorId: string | null;
  /** Where from: the client's address (HTTP peer, socket handshake address), if known. */
  address?: string | null;
  /** What it was done to, e.g. `{ kind: 'incident', id }` or `{ kind: 'user', id }`. */
  subject?: { kind: string; id: string } | null;
  /** What changed, as plain JSON (never a secret: no passwords, tokens or keys). */
  details?: Record<string, unknown>;
}

/**
 * The append-only, hash-chained audit trail. `record` appends one event; given `tx`, it appends
 * inside that transaction so the event commits (or rolls back) with the change it describes.
 */
export interface AuditTrail {
  record(event: AuditEvent, tx?: StoreSession): Promise<void>;
}

/** A trail that records nothing, for unit tests of features that do not test auditing. */
export const noAuditTrail: AuditTrail = { record: async () => undefined };
