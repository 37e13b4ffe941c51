import {
  MAX_TOKEN_LIFE_SECONDS,
  type ApiScope,
  type ApiToken,
  type ApiTokenCreate,
  type ApiTokenCreated,
} from '../../../shared/schemas/api-token.js';
import { parseDuration } from '../../../shared/schemas/common.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { User } from '../../../shared/schemas/user.js';
import { toPublicUser } from '../accounts/public-user.js';
import type { Session } from '../accounts/session.js';
import { hashToken } from '../accounts/tokens.js';
import type { ApiTokenRecord } from '../ports/api-token-store.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store, StoreSession } from '../ports/store.js';
import { serviceAccount } from './service-account.js';
import { isApiTokenSecret, newApiTokenId, newApiTokenSecret, SHOWN_PREFIX_LENGTH } from './token-secret.js';

/** Who asks: the signed-in user, the session they came with (a login or an API token) and their address. */
export interface TokenActor {
  user: User;
  session: Pick<Session, 'kind' | 'expiresAt' | 'apiToken'>;
  address?: string | null;
}

/** What the API token service needs. */
export interface ApiTokenServiceDeps {
  store: Store;
  clock: Clock;
  audit?: AuditTrail;
}

const fail = (code: 'invalid' | 'forbidden' | 'not_found' | 'conflict', message: string, field?: string) =>
  ({ ok: false, error: { code, message, ...(field === undefined ? {} : { field }) } }) as const;

/** Shows a stored token as lists do: never its hash. */
export function toApiToken(record: ApiTokenRecord): ApiToken {
  return {
    id: record.id,
    name: record.name,
    kind: record.kind,
    owner: record.ownerId,
    scopes: record.scopes,
    prefix: record.prefix,
    createdAt: record.createdAt.toISOString(),
    expiresAt: record.expiresAt.toISOString(),
    lastUsedAt: record.lastUsedAt?.toISOString() ?? null,
    revokedAt: record.revokedAt?.toISOString() ?? null,
  };
}

/** Tells whether the actor sees and revokes every token: an admin signed in, or an admin's token with the admin scope. */
export function seesAllTokens(actor: TokenActor): boolean {
  if (actor.user.role !== 'admin') return false;
  return actor.session.kind !== 'api-token' || (actor.session.apiToken?.scopes.includes('admin') ?? false);
}

// Why the actor may not create this token, or undefined when they may.
function creationRefusal(actor: TokenActor, body: ApiTokenCreate): ReturnType<typeof fail> | undefined {
  const via = actor.session.apiToken;
  if (via?.kind === 'service') return fail('forbidden', 'a service token cannot create tokens');
  if (via) {
    const beyond = body.scopes.filter((scope) => !via.scopes.includes(scope));
    if (beyond.length) return fail('forbidden', `scopes: this token cannot give scopes it does not have itself: ${beyond.join(', ')}`, 'scopes');
  }
  if (body.kind === 'service' && actor.user.role !== 'admin') return fail('forbidden', `kind: only admins create service tokens; you are ${actor.user.role}`, 'kind');
  if (body.kind === 'personal' && body.scopes.includes('admin') && actor.user.role !== 'admin') {
    return fail('forbidden', `scopes: the admin scope is for admins; you are ${actor.user.role}`, 'scopes');
  }
  return undefined;
}

// When the token expires, or a refusal naming the field.
function expiryOf(body: ApiTokenCreate, actor: TokenActor, now: Date): Date | ReturnType<typeof fail> {
  const expiresAt = body.expiresAt !== undefined ? new Date(body.expiresAt) : new Date(now.getTime() + (parseDuration(body.expiresIn ?? '') ?? 0) * 1000);
  const field = body.expiresAt !== undefined ? 'expiresAt' : 'expiresIn';
  if (expiresAt.getTime() <= now.getTime()) return fail('invalid', `${field}: must be in the future`, field);
  if (expiresAt.getTime() > now.getTime() + MAX_TOKEN_LIFE_SECONDS * 1000) return fail('invalid', `${field}: a token lives at most one year`, field);
  // A token made with a token lives no longer than the token that made it.
  const limit = actor.session.kind === 'api-token' ? actor.session.expiresAt : null;
  if (limit && expiresAt.getTime() > limit.getTime()) {
    return fail('forbidden', `${field}: this token cannot make one that outlives it (it expires at ${limit.toISOString()})`, field);
  }
  return expiresAt;
}

/**
 * The API token use-cases (issue 18): people create, list and revoke their personal tokens; admins
 * see and revoke every token and create service tokens. A token made with a token gets no scope the
 * maker lacks and no longer life. Creation and revocation are audited in their own transaction; the
 * secret exists only in the create answer (the store keeps its SHA-256). `session` turns a secret
 * into the session the transports limit by scope (see `token-scope.ts`).
 */
export function createApiTokenService(deps: ApiTokenServiceDeps) {
  const audit = deps.audit ?? noAuditTrail;
  const { store, clock } = deps;
  const subject = (id: string) => ({ kind: 'api-token', id });

  return {
    /** Creates a token and answers it with its secret, shown this once. */
    async create(actor: TokenActor, body: ApiTokenCreate): Promise<CommandResult<ApiTokenCreated>> {
      const refusal = creationRefusal(actor, body);
      if (refusal) return refusal;
      const now = clock.now();
      const expiresAt = expiryOf(body, actor, now);
      if (!(expiresAt instanceof Date)) return expiresAt;
      const secret = newApiTokenSecret();
      const record: ApiTokenRecord = {
        id: newApiTokenId(),
        tokenHash: hashToken(secret),
        prefix: secret.slice(0, SHOWN_PREFIX_LENGTH),
        name: body.name,
        kind: body.kind,
        ownerId: actor.user.id,
        scopes: [...new Set(body.scopes)],
        createdAt: now,
        expiresAt,
        lastUsedAt: null,
        revokedAt: null,
        revokedBy: null,
      };
      await store.transaction(async (tx) => {
        await tx.insertApiToken(record);
        const details = { kind: 'api-token', tokenKind: record.kind, name: record.name, scopes: record.scopes, expiresAt: expiresAt.toISOString(), via: actor.session.apiToken?.id ?? null };
        await audit.record({ action: 'token.created', actorId: actor.user.id, address: actor.address ?? null, subject: subject(record.id), details }, tx);
      });
      return { ok: true, value: { token: toApiToken(record), secret } };
    },

    /** The actor's own tokens, or every token for admins; newest first. */
    async list(actor: TokenActor): Promise<ApiToken[]> {
      return (await store.listApiTokens(seesAllTokens(actor) ? undefined : actor.user.id)).map(toApiToken);
    },

    /** Revokes a token: its owner or an admin; another person's token is "not found" to others. */
    async revoke(actor: TokenActor, id: string): Promise<CommandResult<ApiToken>> {
      return store.transaction(async (tx: StoreSession) => {
        const found = await tx.getApiToken(id);
        if (!found || (found.ownerId !== actor.user.id && !seesAllTokens(actor))) return fail('not_found', `no token "${id}"`, 'id');
        if (found.revokedAt) return fail('conflict', `this token was revoked at ${found.revokedAt.toISOString()}`);
        const now = clock.now();
        await tx.revokeApiToken(id, now, actor.user.id);
        await audit.record({ action: 'token.revoked', actorId: actor.user.id, address: actor.address ?? null, subject: subject(id), details: { kind: 'api-token', tokenKind: found.kind, ownerId: found.ownerId } }, tx);
        return { ok: true, value: toApiToken({ ...found, revokedAt: now, revokedBy: actor.user.id }) };
      });
    },

    /**
     * The session of an API token secret, or undefined when it is unknown, revoked or expired, or its
     * owner is gone or deactivated. A personal token acts as its owner with the owner's current role;
     * a service token as its service account (`service-account.ts`).
     */
    async session(secret: string): Promise<Session | undefined> {
      if (!isApiTokenSecret(secret)) return undefined;
      const tokenHash = hashToken(secret);
      const record = await store.findApiTokenByHash(tokenHash);
      if (!record || record.revokedAt !== null || record.expiresAt.getTime() <= clock.now().getTime()) return undefined;
      let user: User;
      if (record.kind === 'service') {
        user = serviceAccount(record);
      } else {
        const owner = await store.getUser(record.ownerId);
        if (!owner || (await store.findUserDeactivation(owner.id))) return undefined;
        user = toPublicUser(owner);
      }
      const apiToken = { id: record.id, kind: record.kind, scopes: record.scopes as readonly ApiScope[] };
      return { user, kind: 'api-token', tokenHash, expiresAt: record.expiresAt, apiToken };
    },
  };
}

/** The API token service, as `createApiTokenService` builds it. */
export type ApiTokenService = ReturnType<typeof createApiTokenService>;
