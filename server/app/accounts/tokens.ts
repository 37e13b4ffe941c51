import { createHash, randomBytes } from 'node:crypto';
import type { User } from '../../../shared/schemas/user.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';
import { toPublicUser } from './public-user.js';
import type { Session } from './session.js';

/** The store calls the token service needs. */
export type TokenStore = Pick<StoreSession, 'insertToken' | 'findToken' | 'revokeToken' | 'getUser' | 'findUserDeactivation'>;

/** A freshly issued bearer token; the token text exists only here and in the client. */
export interface IssuedToken {
  token: string;
  expiresAt: Date;
}

/** Issues, checks and revokes opaque bearer tokens. */
export interface TokenService {
  /** Issues a token for `userId` that expires after the configured time to live. */
  issue(userId: string): Promise<IssuedToken>;
  /** Returns the token's user when the token exists, is not revoked and has not expired. */
  authenticate(token: string): Promise<User | undefined>;
  /** The token's session (user, hash, expiry) under the same checks as `authenticate`; a deactivated person has none. */
  session(token: string): Promise<Session | undefined>;
  /** Revokes a token at once; unknown tokens are ignored. */
  revoke(token: string): Promise<void>;
}

/** Tokens are 32 random bytes as base64url (43 characters); anything much longer is not ours. */
const MAX_TOKEN_LENGTH = 256;

/** Returns the SHA-256 hex of a token, the only form the store keeps. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Creates the token service; expiry is read from `clock`, so tests move time with a manual clock. */
export function createTokenService(deps: { store: TokenStore; clock: Clock; ttlSeconds: number }): TokenService {
  const { store, clock, ttlSeconds } = deps;
  const session = async (token: string): Promise<Session | undefined> => {
    if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
    const tokenHash = hashToken(token);
    const record = await store.findToken(tokenHash);
    if (!record || record.revokedAt !== null) return undefined;
    if (record.expiresAt.getTime() <= clock.now().getTime()) return undefined;
    const user = await store.getUser(record.userId);
    if (!user || (await store.findUserDeactivation(user.id))) return undefined;
    return { user: toPublicUser(user), kind: 'login', tokenHash, expiresAt: record.expiresAt };
  };
  return {
    async issue(userId) {
      const token = randomBytes(32).toString('base64url');
      const createdAt = clock.now();
      const expiresAt = new Date(createdAt.getTime() + ttlSeconds * 1000);
      await store.insertToken({ tokenHash: hashToken(token), userId, createdAt, expiresAt, revokedAt: null });
      return { token, expiresAt };
    },
    authenticate: async (token) => (await session(token))?.user,
    session,
    async revoke(token) {
      if (!token || token.length > MAX_TOKEN_LENGTH) return;
      await store.revokeToken(hashToken(token), clock.now());
    },
  };
}
