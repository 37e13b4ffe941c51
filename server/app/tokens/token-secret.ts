import { randomBytes } from 'node:crypto';
import { API_TOKEN_PREFIX } from '../../../shared/schemas/api-token.js';

/** How many characters of a secret lists show (the `klx_` prefix and 8 more): not enough to use it. */
export const SHOWN_PREFIX_LENGTH = 12;

/** API token secrets are the prefix and 32 random bytes (256 bits) in base64url: 47 characters. */
const SECRET_LENGTH = API_TOKEN_PREFIX.length + 43;

/** Makes a new API token secret: `klx_` and 32 random bytes in base64url. */
export function newApiTokenSecret(): string {
  return `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Makes a new API token id: `tok-` and 16 hex digits (not secret; it names the token in URLs). */
export function newApiTokenId(): string {
  return `tok-${randomBytes(8).toString('hex')}`;
}

/** Tells whether a bearer token looks like an API token secret (prefix and length; validity is checked elsewhere). */
export function isApiTokenSecret(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX) && token.length === SECRET_LENGTH;
}
