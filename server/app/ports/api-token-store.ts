import type { ApiScope, ApiTokenKind } from '../../../shared/schemas/api-token.js';

/** An API token as the store keeps it: the SHA-256 of its secret, never the secret. */
export interface ApiTokenRecord {
  id: string;
  tokenHash: string;
  /** The secret's first characters, shown so people can tell tokens apart. */
  prefix: string;
  name: string;
  kind: ApiTokenKind;
  /** The person it acts as (personal) or the admin who created it (service). */
  ownerId: string;
  scopes: ApiScope[];
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedBy: string | null;
}

/** The store's part for API tokens. `StoreSession` extends it. */
export interface ApiTokenSession {
  /** Stores a new token. */
  insertApiToken(record: ApiTokenRecord): Promise<void>;
  /** The token with this secret hash, revoked or expired or not (the caller checks). */
  findApiTokenByHash(tokenHash: string): Promise<ApiTokenRecord | undefined>;
  /** One token by id. */
  getApiToken(id: string): Promise<ApiTokenRecord | undefined>;
  /** Tokens newest first: one owner's, or every token when `ownerId` is undefined. */
  listApiTokens(ownerId?: string): Promise<ApiTokenRecord[]>;
  /** Revokes a live token and tells whether it did (false: unknown or revoked already). */
  revokeApiToken(id: string, at: Date, by: string): Promise<boolean>;
  /** Moves tokens' last-used times forward (never back), many in one call. */
  touchApiTokens(uses: readonly { id: string; at: Date }[]): Promise<void>;
}
