import { sql, type Selectable } from 'kysely';
import type { PostmortemComment, PostmortemDigest, PostmortemFields, PostmortemState } from '../../../shared/schemas/postmortem.js';
import type { PostmortemFilter, PostmortemRecord } from '../../app/ports/postmortem-store.js';
import type { FieldStamps } from '../../core/postmortem/field-edit.js';
import type { Db } from './database.js';
import { isoOf, parseJson } from './json.js';
import type { PostmortemsTable } from './postmortem-tables.js';
import { isUniqueViolation, StoreConflictError } from './store-errors.js';
import { postmortemDocs } from './search-docs.js';
import { deletePostmortemDocs, writeSearchDocs } from './search-index-queries.js';

const instant = (date: Date | null, field: string) => (date === null ? null : isoOf(date, field));

function columnsOf(record: PostmortemRecord): Omit<PostmortemsTable, 'id' | 'incident_id' | 'created_at'> {
  return {
    state: record.state,
    reason: record.reason,
    due_at: instant(record.dueAt, 'postmortem.dueAt'),
    fields: JSON.stringify(record.fields),
    stamps: JSON.stringify(record.stamps),
    digest: record.digest === null ? null : JSON.stringify(record.digest),
    trigger_answer: record.fields.questions.trigger,
    updated_at: isoOf(record.updatedAt, 'postmortem.updatedAt'),
    review_requested_by: record.reviewRequestedBy,
    signed_off_by: record.signedOffBy,
    signed_off_at: instant(record.signedOffAt, 'postmortem.signedOffAt'),
    version: record.version,
  };
}

function toRecord(row: Selectable<PostmortemsTable>, incidentIds: string[]): PostmortemRecord {
  return {
    id: row.id,
    incidentIds,
    state: row.state as PostmortemState,
    reason: row.reason,
    dueAt: row.due_at === null ? null : new Date(row.due_at),
    fields: parseJson<PostmortemFields>(row.fields, 'postmortems.fields'),
    stamps: parseJson<FieldStamps>(row.stamps, 'postmortems.stamps'),
    digest: row.digest === null ? null : parseJson<PostmortemDigest>(row.digest, 'postmortems.digest'),
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    reviewRequestedBy: row.review_requested_by,
    signedOffBy: row.signed_off_by,
    signedOffAt: row.signed_off_at === null ? null : new Date(row.signed_off_at),
    version: Number(row.version),
  };
}

// The action item rows reports read, rewritten from the `actionItems` field.
async function writeActionItems(db: Db, record: PostmortemRecord): Promise<void> {
  await db.deleteFrom('postmortem_action_items').where('postmortem_id', '=', record.id).execute();
  const items = record.fields.actionItems;
  if (!items.length) return;
  await db
    .insertInto('postmortem_action_items')
    .values(
      items.map((item, position) => ({
        id: item.id,
        postmortem_id: record.id,
        position,
        title: item.title,
        owner: item.owner,
        due_date: item.dueDate,
        state: item.state,
        link_kind: item.link?.kind ?? null,
        link_ref: item.link?.ref ?? null,
      })),
    )
    .execute();
}

// Runs `work` under a savepoint (a transaction of its own outside one), so that a unique violation
// leaves the caller's PostgreSQL transaction usable; the violation is thrown as StoreConflictError.
async function underSavepoint(db: Db, what: string, work: (db: Db) => Promise<void>): Promise<void> {
  if (!db.isTransaction) return db.transaction().execute((trx) => underSavepoint(trx, what, work));
  await sql`savepoint klaxon_postmortem_write`.execute(db);
  try {
    await work(db);
    await sql`release savepoint klaxon_postmortem_write`.execute(db);
  } catch (error) {
    await sql`rollback to savepoint klaxon_postmortem_write`.execute(db);
    await sql`release savepoint klaxon_postmortem_write`.execute(db);
    if (!isUniqueViolation(error)) throw error;
    throw new StoreConflictError(what, { cause: error });
  }
}

/** Adds a post-mortem, its incident rows and action item rows; an incident already in one → `StoreConflictError`. */
export async function insertPostmortem(db: Db, record: PostmortemRecord): Promise<void> {
  await underSavepoint(db, `one of the incidents ${record.incidentIds.join(', ')} is already in a post-mortem`, async (trx) => {
    await trx
      .insertInto('postmortems')
      .values({ id: record.id, incident_id: record.incidentIds[0]!, created_at: isoOf(record.createdAt, 'postmortem.createdAt'), ...columnsOf(record) })
      .execute();
    await trx
      .insertInto('postmortem_incidents')
      .values(record.incidentIds.map((incident_id, position) => ({ incident_id, postmortem_id: record.id, position })))
      .execute();
    await writeActionItems(trx, record);
    await writeSearchDocs(trx, postmortemDocs(record.id, record.incidentIds, record.fields));
  });
}

/** Replaces a post-mortem's row and action items over `expectedVersion`; false when the version moved. */
export async function updatePostmortem(db: Db, record: PostmortemRecord, expectedVersion: number): Promise<boolean> {
  if (!db.isTransaction) return db.transaction().execute((trx) => updatePostmortem(trx, record, expectedVersion));
  const result = await db.updateTable('postmortems').set(columnsOf(record)).where('id', '=', record.id).where('version', '=', expectedVersion).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return false;
  await writeActionItems(db, record);
  // The text is searched: its documents are written again.
  await deletePostmortemDocs(db, record.id);
  await writeSearchDocs(db, postmortemDocs(record.id, record.incidentIds, record.fields));
  return true;
}

async function incidentsOf(db: Db, ids: readonly string[]): Promise<Map<string, string[]>> {
  const map = new Map<string, string[]>();
  if (!ids.length) return map;
  const rows = await db
    .selectFrom('postmortem_incidents')
    .select(['postmortem_id', 'incident_id'])
    .where('postmortem_id', 'in', [...ids])
    .orderBy('postmortem_id')
    .orderBy('position')
    .execute();
  for (const row of rows) map.set(row.postmortem_id, [...(map.get(row.postmortem_id) ?? []), row.incident_id]);
  return map;
}

/** One post-mortem with its incidents, or undefined. */
export async function getPostmortem(db: Db, id: string): Promise<PostmortemRecord | undefined> {
  const row = await db.selectFrom('postmortems').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toRecord(row, (await incidentsOf(db, [id])).get(id) ?? [row.incident_id]);
}

/** The id of the post-mortem that covers an incident, if any. */
export async function findPostmortemOfIncident(db: Db, incidentId: string): Promise<string | undefined> {
  const row = await db.selectFrom('postmortem_incidents').select('postmortem_id').where('incident_id', '=', incidentId).executeTakeFirst();
  return row?.postmortem_id;
}

/**
 * Post-mortems by state, newest first, at most `limit`; with `visibleTo`, those covering a
 * confidential incident whose need-to-know list lacks that person are left out inside the query.
 */
export async function listPostmortems(db: Db, filter: PostmortemFilter): Promise<PostmortemRecord[]> {
  let query = db.selectFrom('postmortems').selectAll();
  if (filter.states) {
    if (!filter.states.length) return [];
    query = query.where('state', 'in', [...filter.states]);
  }
  const userId = filter.visibleTo;
  if (userId !== undefined) {
    query = query.where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('postmortem_incidents as pi')
            .innerJoin('incidents as i', 'i.id', 'pi.incident_id')
            .select('pi.incident_id')
            .whereRef('pi.postmortem_id', '=', 'postmortems.id')
            .where('i.confidential', '=', 1)
            .where(({ not: notInner, exists: existsInner, selectFrom: from }) =>
              notInner(
                existsInner(
                  from('incident_need_to_know as n').select('n.user_id').whereRef('n.incident_id', '=', 'i.id').where('n.user_id', '=', userId),
                ),
              ),
            ),
        ),
      ),
    );
  }
  const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).execute();
  const incidents = await incidentsOf(db, rows.map((r) => r.id));
  return rows.map((row) => toRecord(row, incidents.get(row.id) ?? [row.incident_id]));
}

/** A post-mortem's comments, oldest first. */
export async function listPostmortemComments(db: Db, postmortemId: string): Promise<PostmortemComment[]> {
  const rows = await db.selectFrom('postmortem_comments').selectAll().where('postmortem_id', '=', postmortemId).orderBy('at').orderBy('id').execute();
  return rows.map((row) => ({ id: row.id, authorId: row.author_id, at: row.at, body: row.body }));
}

/** Adds a comment to a post-mortem. */
export async function addPostmortemComment(db: Db, postmortemId: string, comment: PostmortemComment): Promise<void> {
  await db.insertInto('postmortem_comments').values({ id: comment.id, postmortem_id: postmortemId, author_id: comment.authorId, at: comment.at, body: comment.body }).execute();
}
