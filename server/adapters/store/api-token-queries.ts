import type { Selectable } from 'kysely';
import type { ApiScope, ApiTokenKind } from '../../../shared/schemas/api-token.js';
import type { ApiTokenRecord } from '../../app/ports/api-token-store.js';
import type { Db } from './database.js';
import { isoOf, parseJson } from './json.js';

/** An API token, kept by the SHA-256 of its secret; scopes are a JSON array. */
export interface ApiTokensTable {
  id: string;
  token_hash: string;
  prefix: string;
  name: string;
  kind: string;
  owner_id: string;
  scopes: string;
  created_at: string;
  expires_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
  revoked_by: string | null;
}

const dateOrNull = (text: string | null) => (text === null ? null : new Date(text));

function toRecord(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    tokenHash: row.token_hash,
    prefix: row.prefix,
    name: row.name,
    kind: row.kind as ApiTokenKind,
    ownerId: row.owner_id,
    scopes: parseJson<ApiScope[]>(row.scopes, 'api_tokens.scopes'),
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    lastUsedAt: dateOrNull(row.last_used_at),
    revokedAt: dateOrNull(row.revoked_at),
    revokedBy: row.revoked_by,
  };
}

/** Stores a new API token. */
export async function insertApiToken(db: Db, record: ApiTokenRecord): Promise<void> {
  await db
    .insertInto('api_tokens')
    .values({
      id: record.id,
      token_hash: record.tokenHash,
      prefix: record.prefix,
      name: record.name,
      kind: record.kind,
      owner_id: record.ownerId,
      scopes: JSON.stringify(record.scopes),
      created_at: isoOf(record.createdAt, 'api_tokens.created_at'),
      expires_at: isoOf(record.expiresAt, 'api_tokens.expires_at'),
      last_used_at: record.lastUsedAt === null ? null : isoOf(record.lastUsedAt, 'api_tokens.last_used_at'),
      revoked_at: record.revokedAt === null ? null : isoOf(record.revokedAt, 'api_tokens.revoked_at'),
      revoked_by: record.revokedBy,
    })
    .execute();
}

/** The token with this secret hash, whatever its state. */
export async function findApiTokenByHash(db: Db, tokenHash: string): Promise<ApiTokenRecord | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toRecord(row);
}

/** One token by id. */
export async function getApiToken(db: Db, id: string): Promise<ApiTokenRecord | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRecord(row);
}

/** Tokens newest first (then by id), of one owner or all. */
export async function listApiTokens(db: Db, ownerId?: string): Promise<ApiTokenRecord[]> {
  let query = db.selectFrom('api_tokens').selectAll();
  if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
  const rows = await query.orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toRecord);
}

/** Revokes a live token; a token revoked already keeps its first revocation. */
export async function revokeApiToken(db: Db, id: string, at: Date, by: string): Promise<boolean> {
  const result = await db
    .updateTable('api_tokens')
    .set({ revoked_at: isoOf(at, 'api_tokens.revoked_at'), revoked_by: by })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Moves last-used times forward: a later time wins, an earlier one (a late batch) changes nothing. */
export async function touchApiTokens(db: Db, uses: readonly { id: string; at: Date }[]): Promise<void> {
  for (const use of uses) {
    const at = isoOf(use.at, 'api_tokens.last_used_at');
    await db
      .updateTable('api_tokens')
      .set({ last_used_at: at })
      .where('id', '=', use.id)
      .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', at)]))
      .execute();
  }
}
