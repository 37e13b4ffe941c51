import type { ApiScope, ApiTokenKind } from '../../../shared/schemas/api-token.js';
import type { User } from '../../../shared/schemas/user.js';

/**
 * What a bearer token is: a person's login token (expiring), a paired phone's device token (its
 * reach is only what a phone does; see `device-scope.ts`) or an API token (its reach is its scopes;
 * see `token-scope.ts`). Carried by every authenticated request and socket so that the transports
 * decide reach centrally.
 */
export interface Session {
  user: User;
  kind: 'login' | 'device' | 'api-token';
  /** The SHA-256 of the token: the name of its socket room, never the token itself. */
  tokenHash: string;
  /** When a login token stops working; null for device tokens, which live until revoked. */
  expiresAt: Date | null;
  /** The phone of a device token. */
  deviceId?: string;
  /** The API token of an `api-token` session: its id, kind and scopes. */
  apiToken?: { id: string; kind: ApiTokenKind; scopes: readonly ApiScope[] };
}

/** A reason to cut open sockets at once: one token ended, or everything of one person changed. */
export type SessionEnd = { kind: 'token'; tokenHash: string } | { kind: 'user'; userId: string };

/** Tells the transports when sessions end (sign-out, revocation, role change, deactivation). */
export interface SessionEnds {
  /** Announces that a token or a person's sessions ended. */
  publish(end: SessionEnd): void;
  /** Calls `listener` for every end from now on; returns the function that stops it. */
  subscribe(listener: (end: SessionEnd) => void): () => void;
}

/** Creates the in-process announcer of session ends (the socket server relays them to every relay). */
export function createSessionEnds(): SessionEnds {
  const listeners = new Set<(end: SessionEnd) => void>();
  return {
    publish(end) {
      for (const listener of listeners) listener(end);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
