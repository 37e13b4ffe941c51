import type { Selectable } from 'kysely';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { WallboardTokenRecord } from '../../app/ports/wallboard-store.js';
import type { Db } from './database.js';
import { toIncident } from './incident-rows.js';
import { isoOf, toMillis } from './json.js';
import { toPage } from './page-queries.js';

/** A wallboard token row: a read-only credential for a wall screen, kept by its SHA-256. */
export interface WallboardTokensTable {
  id: string;
  name: string;
  token_hash: string;
  created_by: string;
  created_at: string;
  revoked_at: string | null;
}

function toToken(row: Selectable<WallboardTokensTable>): WallboardTokenRecord {
  return {
    id: row.id,
    name: row.name,
    tokenHash: row.token_hash,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at),
  };
}

/** Adds a wallboard token; a second one with the same id or hash is a unique violation. */
export async function insertWallboardToken(db: Db, token: WallboardTokenRecord): Promise<void> {
  await db
    .insertInto('wallboard_tokens')
    .values({
      id: token.id,
      name: token.name,
      token_hash: token.tokenHash,
      created_by: token.createdBy,
      created_at: isoOf(token.createdAt, 'wallboard_tokens.created_at'),
      revoked_at: token.revokedAt === null ? null : isoOf(token.revokedAt, 'wallboard_tokens.revoked_at'),
    })
    .execute();
}

/** Finds a wallboard token by its hash. */
export async function findWallboardTokenByHash(db: Db, tokenHash: string): Promise<WallboardTokenRecord | undefined> {
  const row = await db.selectFrom('wallboard_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  return row && toToken(row);
}

/** Every wallboard token, oldest first. */
export async function listWallboardTokens(db: Db): Promise<WallboardTokenRecord[]> {
  const rows = await db.selectFrom('wallboard_tokens').selectAll().orderBy('created_at').orderBy('id').execute();
  return rows.map(toToken);
}

/** Revokes a wallboard token that is not revoked yet. */
export async function revokeWallboardToken(db: Db, id: string, at: Date): Promise<void> {
  await db
    .updateTable('wallboard_tokens')
    .set({ revoked_at: isoOf(at, 'wallboard_tokens.revoked_at') })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Incidents first seen at or after `since`, oldest first. */
export async function listIncidentsOpenedSince(db: Db, since: Date): Promise<Incident[]> {
  const rows = await db
    .selectFrom('incidents')
    .selectAll()
    .where('first_seen_ms', '>=', toMillis(since, 'since'))
    .orderBy('first_seen_ms')
    .orderBy('seq')
    .execute();
  return rows.map(toIncident);
}

/** Pages created at or after `since`, oldest first. */
export async function listPagesCreatedSince(db: Db, since: Date): Promise<Page[]> {
  const rows = await db
    .selectFrom('pages')
    .selectAll()
    .where('created_ms', '>=', toMillis(since, 'since'))
    .orderBy('created_ms')
    .orderBy('id')
    .execute();
  return rows.map(toPage);
}

/**
 * Arrival times of alerts received at or after `since`. The relay writes `received_at` as canonical
 * UTC text (`toISOString`), so text order is time order and the index serves the range.
 */
export async function listAlertTimesSince(db: Db, since: Date): Promise<Date[]> {
  const rows = await db
    .selectFrom('alerts')
    .select('received_at')
    .where('received_at', '>=', isoOf(since, 'since'))
    .orderBy('received_at')
    .execute();
  return rows.map((row) => new Date(row.received_at));
}
