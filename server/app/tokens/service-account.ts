import type { ApiScope } from '../../../shared/schemas/api-token.js';
import type { Role, User } from '../../../shared/schemas/user.js';
import type { ApiTokenRecord } from '../ports/api-token-store.js';

/**
 * The role a service token's account acts with, from its scopes: `admin` with the admin scope;
 * `ir-manager` with `schedules:manage` (schedules and policies are the managers' to edit);
 * `responder` otherwise (it may acknowledge, resolve, escalate and page with `incidents:act`, and
 * never sees a confidential incident: a service account is on no need-to-know list). The scopes still
 * decide which routes it reaches at all; the role is the second fence behind them.
 */
export function serviceRoleOf(scopes: readonly ApiScope[]): Role {
  if (scopes.includes('admin')) return 'admin';
  if (scopes.includes('schedules:manage')) return 'ir-manager';
  return 'responder';
}

/** The id of a service token's account as timelines and the audit trail name it: `service.<token id>`. */
export function serviceAccountId(tokenId: string): string {
  return `service.${tokenId}`;
}

/**
 * The account a service token acts as: not a person (no row in `users`, no notification rules, never
 * paged), named after the token, with the role its scopes give.
 */
export function serviceAccount(record: Pick<ApiTokenRecord, 'id' | 'name' | 'scopes'>): User {
  return {
    id: serviceAccountId(record.id),
    name: `${record.name} (service token)`,
    email: `${record.id}@service.klaxon.invalid`,
    role: serviceRoleOf(record.scopes),
    notify: [],
  };
}
