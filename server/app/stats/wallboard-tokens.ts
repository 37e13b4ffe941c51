import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { StoreSession } from '../ports/store.js';
import type { WallboardTokenRecord } from '../ports/wallboard-store.js';

/** Every wallboard token starts with this, so a leaked one is recognisable (and told from login tokens). */
export const WALLBOARD_TOKEN_PREFIX = 'kwb_';

/** A wallboard token as managers see it listed: never the token or its hash. */
export interface WallboardTokenView {
  id: string;
  name: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
}

/** Wall-screen credentials: read-only, for the wallboard statistics only, revocable by managers. */
export interface WallboardTokens {
  /** Creates a token; the token text is returned this once and only its SHA-256 is kept. */
  create(name: string, createdBy: string): Promise<{ token: string; view: WallboardTokenView }>;
  list(): Promise<WallboardTokenView[]>;
  /** Revokes a token; false when there is no such token. */
  revoke(id: string, revokedBy?: string): Promise<boolean>;
  /** Tells whether `token` is a known, unrevoked wallboard token. */
  verify(token: string): Promise<boolean>;
}

/** Returns the SHA-256 hex of a wallboard token, the only form the store keeps. */
export function hashWallboardToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function view(record: WallboardTokenRecord): WallboardTokenView {
  return {
    id: record.id,
    name: record.name,
    createdBy: record.createdBy,
    createdAt: record.createdAt.toISOString(),
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}

/** Creates the wallboard token use-cases over the store and clock. */
export function createWallboardTokens(deps: { store: StoreSession; clock: Clock; audit?: AuditTrail }): WallboardTokens {
  const { store, clock } = deps;
  const audit = deps.audit ?? noAuditTrail;
  return {
    async create(name, createdBy) {
      const token = `${WALLBOARD_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const record: WallboardTokenRecord = {
        id: randomUUID(),
        name,
        tokenHash: hashWallboardToken(token),
        createdBy,
        createdAt: clock.now(),
        revokedAt: null,
      };
      await store.insertWallboardToken(record);
      await audit.record({ action: 'wallboard-token.created', actorId: createdBy, subject: { kind: 'wallboard-token', id: record.id }, details: { name } });
      return { token, view: view(record) };
    },
    async list() {
      return (await store.listWallboardTokens()).map(view);
    },
    async revoke(id, revokedBy) {
      const known = (await store.listWallboardTokens()).some((t) => t.id === id);
      if (known) {
        await store.revokeWallboardToken(id, clock.now());
        await audit.record({ action: 'wallboard-token.revoked', actorId: revokedBy ?? null, subject: { kind: 'wallboard-token', id } });
      }
      return known;
    },
    async verify(token) {
      if (!token.startsWith(WALLBOARD_TOKEN_PREFIX) || token.length > 256) return false;
      const record = await store.findWallboardTokenByHash(hashWallboardToken(token));
      return !!record && record.revokedAt === null;
    },
  };
}
