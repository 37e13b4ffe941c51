import type { NeedToKnowEntry } from '../../app/ports/need-to-know-store.js';
import type { Db } from './database.js';
import { isoOf, toMillis } from './json.js';

/** A row of an incident's need-to-know list: one person who may know a confidential incident. */
export interface IncidentNeedToKnowTable {
  incident_id: string;
  user_id: string;
  added_by: string;
  added_at: string;
  added_ms: number;
}

/** The people on an incident's list, in the order they were added. */
export async function listNeedToKnow(db: Db, incidentId: string): Promise<NeedToKnowEntry[]> {
  const rows = await db
    .selectFrom('incident_need_to_know')
    .select(['incident_id', 'user_id', 'added_by', 'added_at'])
    .where('incident_id', '=', incidentId)
    .orderBy('added_ms')
    .orderBy('user_id')
    .execute();
  return rows.map((row) => ({ incidentId: row.incident_id, userId: row.user_id, addedBy: row.added_by, addedAt: new Date(row.added_at) }));
}

/** Among `incidentIds`, the ones on whose lists `userId` is (one query, whatever the board's size). */
export async function listIncidentsKnownTo(db: Db, userId: string, incidentIds: readonly string[]): Promise<string[]> {
  if (incidentIds.length === 0) return [];
  const known: string[] = [];
  // Chunked so that a big board stays under the engines' bound-parameter limits.
  for (let i = 0; i < incidentIds.length; i += 500) {
    const rows = await db
      .selectFrom('incident_need_to_know')
      .select('incident_id')
      .where('user_id', '=', userId)
      .where('incident_id', 'in', incidentIds.slice(i, i + 500))
      .execute();
    known.push(...rows.map((row) => row.incident_id));
  }
  return known;
}

/** Adds a person to a list; answers false when they were on it already. */
export async function addNeedToKnow(db: Db, entry: NeedToKnowEntry): Promise<boolean> {
  const result = await db
    .insertInto('incident_need_to_know')
    .values({
      incident_id: entry.incidentId,
      user_id: entry.userId,
      added_by: entry.addedBy,
      added_at: isoOf(entry.addedAt, 'incident_need_to_know.added_at'),
      added_ms: toMillis(entry.addedAt, 'incident_need_to_know.added_at'),
    })
    .onConflict((oc) => oc.columns(['incident_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}

/** Takes a person off a list; answers false when they were not on it. */
export async function removeNeedToKnow(db: Db, incidentId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('incident_need_to_know')
    .where('incident_id', '=', incidentId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
