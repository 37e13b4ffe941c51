import type { Selectable } from 'kysely';
import type { SavedSearch } from '../../../shared/schemas/history.js';
import type { Db } from './database.js';

/** A saved history search (migration 0022). */
export interface SavedSearchesTable {
  id: string;
  name: string;
  query: string;
  owner_id: string;
  shared: number;
  created_at: string;
}

function toSavedSearch(row: Selectable<SavedSearchesTable>): SavedSearch {
  return { id: row.id, name: row.name, query: row.query, ownerId: row.owner_id, shared: Boolean(row.shared), createdAt: row.created_at };
}

/** The searches `ownerId` saved and every shared one, by name, then id. */
export async function listSavedSearches(db: Db, ownerId: string): Promise<SavedSearch[]> {
  const rows = await db
    .selectFrom('saved_searches')
    .selectAll()
    .where((eb) => eb.or([eb('owner_id', '=', ownerId), eb('shared', '=', 1)]))
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toSavedSearch);
}

/** One saved search, or undefined. */
export async function getSavedSearch(db: Db, id: string): Promise<SavedSearch | undefined> {
  const row = await db.selectFrom('saved_searches').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSavedSearch(row);
}

/** Stores a new saved search. */
export async function insertSavedSearch(db: Db, search: SavedSearch): Promise<void> {
  await db
    .insertInto('saved_searches')
    .values({ id: search.id, name: search.name, query: search.query, owner_id: search.ownerId, shared: search.shared ? 1 : 0, created_at: search.createdAt })
    .execute();
}

/** Removes a saved search; false when there was none. */
export async function deleteSavedSearch(db: Db, id: string): Promise<boolean> {
  const result = await db.deleteFrom('saved_searches').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
