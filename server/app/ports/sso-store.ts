import type { SsoClient } from '../../../shared/schemas/sso.js';

/** An identity an OpenID Connect issuer vouches for, linked to one Klaxon user. */
export interface SsoIdentityRecord {
  issuer: string;
  subject: string;
  userId: string;
  createdAt: Date;
  lastLoginAt: Date;
}

/** A sign-in sent to the issuer and not yet back, kept by the SHA-256 of its `state`. */
export interface SsoPendingRecord {
  stateHash: string;
  nonce: string;
  /** The PKCE verifier the relay sends with the code (the issuer saw only its S256 challenge). */
  codeVerifier: string;
  client: SsoClient;
  /** The S256 challenge of the client's own verifier, which the hand-off exchange checks. */
  challenge: string;
  expiresAt: Date;
}

/** A one-time code that a client exchanges for a login token, kept by the SHA-256 of the code. */
export interface SsoHandoffRecord {
  codeHash: string;
  userId: string;
  client: SsoClient;
  challenge: string;
  expiresAt: Date;
}

/** The store's part for single sign-on. `StoreSession` extends it. */
export interface SsoSession {
  /** The identity with this issuer and subject. */
  findSsoIdentity(issuer: string, subject: string): Promise<SsoIdentityRecord | undefined>;
  /** Links a new identity; throws when the issuer and subject are linked already. */
  insertSsoIdentity(record: SsoIdentityRecord): Promise<void>;
  /** Records a sign-in through an identity. */
  touchSsoIdentity(issuer: string, subject: string, at: Date): Promise<void>;
  /** Keeps a sign-in waiting for the issuer. */
  insertSsoPending(record: SsoPendingRecord): Promise<void>;
  /** Removes and returns the waiting sign-in (once: a second take finds nothing), expired or not. */
  takeSsoPending(stateHash: string): Promise<SsoPendingRecord | undefined>;
  /** Keeps a hand-off code. */
  insertSsoHandoff(record: SsoHandoffRecord): Promise<void>;
  /** Removes and returns the hand-off (once), expired or not. */
  takeSsoHandoff(codeHash: string): Promise<SsoHandoffRecord | undefined>;
  /** Forgets waiting sign-ins and hand-offs that expired at or before `now`. */
  deleteExpiredSso(now: Date): Promise<void>;
}
