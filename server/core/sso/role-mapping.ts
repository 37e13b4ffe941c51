import type { OidcRoleRule } from '../../../shared/config/oidc-config.js';
import type { Role } from '../../../shared/schemas/user.js';

/** The role a person's groups give them, or why they get none. */
export type RoleVerdict = { kind: 'role'; role: Role; group: string | null } | { kind: 'refused'; groups: string[] };

/**
 * Reads the groups claim as issuers send it: a list of strings (Entra ID, Okta, Keycloak), a single
 * string, or a space- or comma-separated string; anything else counts as no groups. Keycloak's
 * full group paths (`/klaxon/admins`) are kept as written, so rules name them the same way.
 */
export function groupsOf(claim: unknown): string[] {
  if (Array.isArray(claim)) return claim.filter((g): g is string => typeof g === 'string' && g.length > 0);
  if (typeof claim === 'string') return claim.split(/[\s,]+/).filter((g) => g.length > 0);
  return [];
}

/**
 * Maps groups to a Klaxon role: the first rule (in the config's order) whose group the person is in
 * wins; a person in none gets `defaultRole`, or is refused when it is null. Group names compare exactly
 * (issuers' group ids and names are case-sensitive).
 */
export function roleForGroups(groups: readonly string[], rules: readonly OidcRoleRule[], defaultRole: Role | null): RoleVerdict {
  const held = new Set(groups);
  const rule = rules.find((r) => held.has(r.group));
  if (rule) return { kind: 'role', role: rule.role, group: rule.group };
  if (defaultRole) return { kind: 'role', role: defaultRole, group: null };
  return { kind: 'refused', groups: [...groups] };
}
