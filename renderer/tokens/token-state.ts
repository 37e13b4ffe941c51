import type { ApiScope, ApiToken } from '../../shared/schemas/api-token.js';

/** The lives the create form offers, as `expiresIn` durations, shortest first. */
export const EXPIRY_CHOICES: readonly { label: string; value: string }[] = [
  { label: '1 day', value: '1d' },
  { label: '7 days', value: '7d' },
  { label: '30 days', value: '30d' },
  { label: '90 days', value: '90d' },
  { label: '1 year', value: '365d' },
];

/** What each scope lets a token do, in the words the create form shows. */
export const SCOPE_LABELS: Readonly<Record<ApiScope, string>> = {
  'incidents:read': 'Read incidents, services, clients, schedules and policies',
  'incidents:act': 'Acknowledge, resolve, escalate, note and assign incidents',
  'schedules:manage': 'Change schedules, overrides, swaps and escalation policies',
  ingest: 'Services and integration keys',
  admin: 'Administration: users, audit trail, wallboards (admins only)',
};

/** A token's state at `now`: active, expired or revoked (with when, written by `when` on the viewer's clock). */
export function tokenState(
  token: Pick<ApiToken, 'expiresAt' | 'revokedAt'>,
  now: Date,
  when: (at: string) => string,
): { kind: 'active' | 'expired' | 'revoked'; label: string } {
  if (token.revokedAt) return { kind: 'revoked', label: `revoked ${when(token.revokedAt)}` };
  if (Date.parse(token.expiresAt) <= now.getTime()) return { kind: 'expired', label: 'expired' };
  return { kind: 'active', label: 'active' };
}
