import type { InsertQueryBuilder, InsertResult } from 'kysely';
import type { Database, Db } from './database.js';
import { columnsShape, prepareQuery, slotRow } from './prepared-query.js';
import type { SearchDoc } from './search-docs.js';

/**
 * Writes search documents in one statement, replacing documents of the same key (an incident whose
 * summary changed, a post-mortem edited). The engines' indexes follow in the same transaction: FTS5
 * through triggers, PostgreSQL through the generated column.
 */
export async function writeSearchDocs(db: Db, docs: readonly SearchDoc[]): Promise<void> {
  if (docs.length === 1) {
    await upsertSearchDoc.execute(db, docs[0]!);
    return;
  }
  if (!docs.length) return;
  await upsert(db.insertInto('search_docs').values([...docs])).execute();
}

/** Replaces the document of the same key, if any. */
const upsert = <Q extends InsertQueryBuilder<Database, 'search_docs', InsertResult>>(query: Q): Q =>
  query.onConflict((oc) =>
    oc.column('doc_key').doUpdateSet((eb) => ({
      incident_id: eb.ref('excluded.incident_id'),
      weight: eb.ref('excluded.weight'),
      body: eb.ref('excluded.body'),
      terms: eb.ref('excluded.terms'),
    })),
  ) as Q;

/** One document (each alert and incident writes one). */
const upsertSearchDoc = prepareQuery((db, slot: SearchDoc, doc) => upsert(db.insertInto('search_docs').values(slotRow(slot, doc))), columnsShape);

/** Removes a post-mortem's documents (before they are written again for its current incidents). */
export async function deletePostmortemDocs(db: Db, postmortemId: string): Promise<void> {
  // The keys `postmortem:<id>:<incident>` sort between these two (";" follows ":").
  await db
    .deleteFrom('search_docs')
    .where('doc_key', '>', `postmortem:${postmortemId}:`)
    .where('doc_key', '<', `postmortem:${postmortemId};`)
    .execute();
}
