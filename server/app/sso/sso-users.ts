import type { Role, User } from '../../../shared/schemas/user.js';
import { profileFromClaims } from '../../core/sso/claims-profile.js';
import { toPublicUser } from '../accounts/public-user.js';
import type { AuditTrail } from '../ports/audit.js';
import type { StoreSession, UserRecord } from '../ports/store.js';

/** Whom a verified identity signs in as, or why nobody. */
export type SsoUserOutcome =
  | { kind: 'user'; user: User; created: boolean; roleChanged: boolean }
  | { kind: 'refused'; reason: string };

/** A verified identity and what the mapping made of it. */
export interface VerifiedIdentity {
  issuer: string;
  subject: string;
  claims: Record<string, unknown>;
  role: Role;
}

/** How many ids (`jdoe`, `jdoe-2`, …) a new user may try before the sign-in is refused. */
const ID_TRIES = 20;

/**
 * Finds the Klaxon user of a verified identity, inside the caller's transaction: the user already
 * linked to (issuer, subject); else the user whose e-mail the issuer says it verified (`email_verified`),
 * linked now; else, with `jitUsers`, a new user made from the claims; else nobody. The mapped role is
 * written at every sign-in, so the issuer's groups stay the source of truth. Deactivated users are refused.
 */
export async function resolveSsoUser(
  tx: StoreSession,
  identity: VerifiedIdentity,
  options: { jitUsers: boolean; now: Date; audit: AuditTrail },
): Promise<SsoUserOutcome> {
  const { issuer, subject, claims, role } = identity;
  const { now, audit } = options;
  const withRole = async (found: UserRecord, linked: boolean): Promise<SsoUserOutcome> => {
    if (await tx.findUserDeactivation(found.id)) return { kind: 'refused', reason: `the Klaxon user "${found.id}" is deactivated` };
    if (linked) await tx.touchSsoIdentity(issuer, subject, now);
    else await tx.insertSsoIdentity({ issuer, subject, userId: found.id, createdAt: now, lastLoginAt: now });
    const roleChanged = found.role !== role;
    if (roleChanged) {
      await tx.upsertUser({ ...found, role });
      await audit.record({ action: 'user.changed', actorId: null, subject: { kind: 'user', id: found.id }, details: { role: { from: found.role, to: role }, by: 'sso' } }, tx);
    }
    return { kind: 'user', user: toPublicUser({ ...found, role }), created: false, roleChanged };
  };

  const linked = await tx.findSsoIdentity(issuer, subject);
  if (linked) {
    const user = await tx.getUser(linked.userId);
    if (!user) return { kind: 'refused', reason: `the Klaxon user "${linked.userId}" linked to this identity no longer exists` };
    return withRole(user, true);
  }

  const email = typeof claims.email === 'string' ? claims.email.trim() : '';
  if (email && claims.email_verified === true) {
    const user = await tx.findUserByLogin(email);
    if (user && user.email.toLowerCase() === email.toLowerCase()) return withRole(user, false);
  }
  if (!options.jitUsers) return { kind: 'refused', reason: 'Klaxon has no user for this identity, and new users are not created at sign-in (jitUsers is off)' };

  const verdict = profileFromClaims(claims);
  if (verdict.kind === 'refused') return verdict;
  const { profile } = verdict;
  if (await tx.findUserByLogin(profile.email)) return { kind: 'refused', reason: 'another Klaxon user has this e-mail address (the identity provider did not say it verified it)' };
  let id: string | undefined;
  for (let n = 1; n <= ID_TRIES && !id; n += 1) {
    const candidate = n === 1 ? profile.id : `${profile.id}-${n}`;
    if (!(await tx.getUser(candidate))) id = candidate;
  }
  if (!id) return { kind: 'refused', reason: `no free user id near "${profile.id}"` };
  const record = { id, name: profile.name, email: profile.email, role, notify: [{ channel: 'push' as const, after: 0 }], passwordHash: null };
  await tx.upsertUser(record);
  await tx.insertSsoIdentity({ issuer, subject, userId: id, createdAt: now, lastLoginAt: now });
  await audit.record({ action: 'user.created', actorId: null, subject: { kind: 'user', id }, details: { role, by: 'sso', issuer } }, tx);
  return { kind: 'user', user: toPublicUser(record), created: true, roleChanged: false };
}
