import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Page } from '../../../shared/schemas/page.js';
import type { Db, PagesTable } from './database.js';
import { RESOLVED } from './incident-rows.js';
import { toMillis } from './json.js';
import { columnsShape, listArgs, listSlots, prepareQuery, rowSlots, rowsArgs, rowsShape, slotRow, type RowsArgs } from './prepared-query.js';

/** The states of a page the person has not seen yet and that may still reach them. */
const UNREAD_STATES = ['queued', 'sent', 'delivered'] as const satisfies readonly Page['state'][];

/** Reads a page row as the domain page. */
export function toPage(row: Selectable<PagesTable>): Page {
  return {
    id: row.id,
    incidentId: row.incident_id,
    pageKey: row.page_key,
    userId: row.user_id,
    channel: row.channel as Page['channel'],
    state: row.state as Page['state'],
    level: Number(row.level),
    attempts: Number(row.attempts),
    createdAt: row.created_at,
    sentAt: row.sent_at,
    deliveredAt: row.delivered_at,
    readAt: row.read_at,
    error: row.error,
  };
}

type Field = keyof Omit<Page, 'id'>;

/** Which column holds each field of a page (every value is stored as it is). */
const COLUMNS: { [F in Field]: keyof PagesTable } = {
  incidentId: 'incident_id',
  pageKey: 'page_key',
  userId: 'user_id',
  channel: 'channel',
  state: 'state',
  level: 'level',
  attempts: 'attempts',
  createdAt: 'created_at',
  sentAt: 'sent_at',
  deliveredAt: 'delivered_at',
  readAt: 'read_at',
  error: 'error',
};

/**
 * Converts the fields present in `fields` (an `undefined` value counts as absent; `id` is never
 * changed) into column values, with `created_ms` when the creation time is among them.
 */
function pageColumns(fields: Partial<Omit<Page, 'id'>>): Updateable<PagesTable> {
  const columns: Record<string, unknown> = {};
  for (const field of Object.keys(COLUMNS) as Field[]) {
    if (fields[field] !== undefined) columns[COLUMNS[field]] = fields[field];
  }
  if (fields.createdAt !== undefined) columns.created_ms = toMillis(fields.createdAt, 'page.createdAt');
  return columns as Updateable<PagesTable>;
}

/**
 * Adds a page and answers true; when a page with its id is already stored, nothing changes and the
 * answer is false. `ON CONFLICT DO NOTHING` raises no error, so no savepoint is needed on PostgreSQL.
 */
export async function insertPage(db: Db, page: Page): Promise<boolean> {
  const { id, ...fields } = page;
  const columns = pageColumns(fields) as Required<ReturnType<typeof pageColumns>>;
  return (await insertPageRow.execute(db, { ...columns, id })).length > 0;
}

const insertPageRow = prepareQuery(
  (db, slot: Record<string, unknown>, row) =>
    db
      .insertInto('pages')
      .values(slotRow(slot, row) as Insertable<PagesTable>)
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id'),
  columnsShape,
);

/** How many pages one multi-row INSERT or IN list carries (well under SQLite's bound-parameter limit). */
const CHUNK = 200;

/**
 * Adds many pages with multi-row inserts and answers the ids that were added; a page whose id is
 * already stored is left as it is and is not among them (dedup by page id, as `insertPage`).
 */
export async function insertPages(db: Db, list: readonly Page[]): Promise<Set<string>> {
  const added = new Set<string>();
  for (let i = 0; i < list.length; i += CHUNK) {
    const rows = list.slice(i, i + CHUNK).map(({ id, ...fields }) => ({ ...(pageColumns(fields) as Required<ReturnType<typeof pageColumns>>), id }));
    const inserted = await insertPageRows.execute(db, rowsArgs(rows));
    for (const row of inserted) added.add(row.id);
  }
  return added;
}

/** Reads the pages of `ids` that exist, in no particular order. */
export async function getPages(db: Db, ids: readonly string[]): Promise<Page[]> {
  const pages: Page[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await pagesByIds.execute(db, listArgs(ids.slice(i, i + CHUNK)));
    for (const row of rows) pages.push(toPage(row));
  }
  return pages;
}

const insertPageRows = prepareQuery(
  (db, slot: RowsArgs<Insertable<PagesTable>>, { rows }) =>
    db
      .insertInto('pages')
      .values(rowSlots(slot, rows))
      .onConflict((oc) => oc.column('id').doNothing())
      .returning('id'),
  rowsShape,
);

const pagesByIds = prepareQuery(
  (db, slot: { count: number } & Record<string, unknown>, { count }) => db.selectFrom('pages').selectAll().where('id', 'in', listSlots(slot, count) as string[]),
  ({ count }) => String(count),
);

/** Reads one page. */
export async function getPage(db: Db, id: string): Promise<Page | undefined> {
  const row = await pageById.executeTakeFirst(db, { id });
  return row && toPage(row);
}

const pageById = prepareQuery((db, slot: { id: string }) => db.selectFrom('pages').selectAll().where('id', '=', slot.id));

/** Changes the fields present in `patch`; undefined when there is no such page. */
export async function updatePage(db: Db, id: string, patch: Partial<Omit<Page, 'id'>>): Promise<Page | undefined> {
  const columns = pageColumns(patch);
  if (Object.keys(columns).length === 0) return getPage(db, id);
  const row = await updatePageRow.executeTakeFirst(db, { ...columns, id });
  return row && toPage(row);
}

const updatePageRow = prepareQuery(
  (db, slot: Record<string, unknown>, args) => {
    const { id: _id, ...columns } = args;
    return db
      .updateTable('pages')
      .set(slotRow(slot, columns) as Updateable<PagesTable>)
      .where('id', '=', slot.id as string)
      .returningAll();
  },
  columnsShape,
);

/** Every page of an incident, oldest first (pages created at the same instant by id). */
export async function listPages(db: Db, incidentId: string): Promise<Page[]> {
  const rows = await db
    .selectFrom('pages')
    .selectAll()
    .where('incident_id', '=', incidentId)
    .orderBy('created_ms')
    .orderBy('id')
    .execute();
  return rows.map(toPage);
}

/**
 * A person's pages on a channel that are queued, sent or delivered (not read, failed or cancelled),
 * of incidents that are not resolved, oldest first.
 */
export async function listUnreadPages(db: Db, userId: string, channel: Page['channel']): Promise<Page[]> {
  const rows = await db
    .selectFrom('pages')
    .innerJoin('incidents', 'incidents.id', 'pages.incident_id')
    .selectAll('pages')
    .where('pages.user_id', '=', userId)
    .where('pages.channel', '=', channel)
    .where('pages.state', 'in', UNREAD_STATES)
    .where('incidents.status', '<>', RESOLVED)
    .orderBy('pages.created_ms')
    .orderBy('pages.id')
    .execute();
  return rows.map(toPage);
}
