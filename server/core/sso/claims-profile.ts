/** What a new (just-in-time) user is made of, read from the issuer's claims. */
export interface ClaimsProfile {
  /** The preferred user id (a slug); the app adds a suffix when it is taken. */
  id: string;
  name: string;
  email: string;
}

/** Why claims cannot make a user. */
export type ProfileVerdict = { kind: 'profile'; profile: ClaimsProfile } | { kind: 'refused'; reason: string };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** Turns a user name or an e-mail's local part into a Klaxon user id (1–64 of `a-z0-9._-`, starting alphanumeric). */
export function slugOf(raw: string): string {
  const local = raw.includes('@') ? raw.slice(0, raw.indexOf('@')) : raw;
  const slug = local
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .slice(0, 56)
    .replace(/[._-]+$/, '');
  return slug || 'sso-user';
}

/**
 * Reads a new user's id, name and e-mail from OpenID Connect claims (`preferred_username`, `email`,
 * `name`, `given_name`/`family_name`). An e-mail address is required: pages and the audit trail need one.
 */
export function profileFromClaims(claims: Record<string, unknown>): ProfileVerdict {
  const email = text(claims.email);
  if (!email || !EMAIL.test(email) || email.length > 254) return { kind: 'refused', reason: 'the identity provider sent no usable e-mail address' };
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const name = (text(claims.name) ?? (given || undefined) ?? text(claims.preferred_username) ?? email).slice(0, 200);
  const id = slugOf(text(claims.preferred_username) ?? email);
  return { kind: 'profile', profile: { id, name, email } };
}
