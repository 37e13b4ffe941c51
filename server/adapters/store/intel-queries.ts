import { sql, type Selectable } from 'kysely';
import type { Indicator, IndicatorType, IndicatorVisibility } from '../../../shared/schemas/intel.js';
import type { IndicatorFilter, IndicatorLink, IndicatorRecord, LinkViewer } from '../../app/ports/intel-store.js';
import type { Db } from './database.js';
import { isoOf, parseJson } from './json.js';
import { isUniqueViolation, StoreConflictError } from './store-errors.js';

/** A threat-intelligence indicator; `tags` is a JSON array; unique on (type, value). */
export interface IndicatorsTable {
  id: string;
  type: string;
  value: string;
  tags: string;
  confidence: number;
  source: string;
  first_seen_at: string;
  last_seen_at: string;
  expires_at: string | null;
  notes: string;
  visibility: string;
  created_by: string;
  created_at: string;
  updated_at: string;
}

/** A link between an indicator and an incident. */
export interface IndicatorIncidentsTable {
  indicator_id: string;
  incident_id: string;
  linked_at: string;
}

/** Postgres binds many parameters per statement, SQLite at most 32,766: links and ids go in chunks. */
const CHUNK = 500;

function toRecord(row: Selectable<IndicatorsTable>): IndicatorRecord {
  return {
    id: row.id,
    type: row.type as IndicatorType,
    value: row.value,
    tags: parseJson<string[]>(row.tags, 'indicators.tags'),
    confidence: Number(row.confidence),
    source: row.source,
    firstSeenAt: row.first_seen_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    notes: row.notes,
    visibility: row.visibility as IndicatorVisibility,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Escapes LIKE wildcards so that the text matches only itself (with `escape '\'`). */
function likeText(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The incident links of these indicators that `viewer` may know: a link to a confidential incident
 * shows only to admins, IR managers and the people on its need-to-know list.
 */
async function linksOf(db: Db, indicatorIds: readonly string[], viewer: LinkViewer): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const part of chunks(indicatorIds)) {
    let query = db
      .selectFrom('indicator_incidents as l')
      .leftJoin('incidents as i', 'i.id', 'l.incident_id')
      .select(['l.indicator_id', 'l.incident_id'])
      .where('l.indicator_id', 'in', part);
    if (!viewer.seesAll) {
      query = query.where((eb) =>
        eb.or([
          eb('i.confidential', 'is', null),
          eb('i.confidential', '=', 0),
          eb.exists(
            eb.selectFrom('incident_need_to_know as n').select('n.user_id').whereRef('n.incident_id', '=', 'l.incident_id').where('n.user_id', '=', viewer.userId),
          ),
        ]),
      );
    }
    for (const row of await query.orderBy('l.incident_id').execute()) {
      const list = out.get(row.indicator_id) ?? [];
      list.push(row.incident_id);
      out.set(row.indicator_id, list);
    }
  }
  return out;
}

async function withLinks(db: Db, records: IndicatorRecord[], viewer: LinkViewer): Promise<Indicator[]> {
  if (records.length === 0) return [];
  const links = await linksOf(db, records.map((r) => r.id), viewer);
  return records.map((r) => ({ ...r, incidentIds: links.get(r.id) ?? [] }));
}

/** Indicators matching `filter`, by type then value, each with the links `viewer` may know. */
export async function listIndicators(db: Db, filter: IndicatorFilter, viewer: LinkViewer): Promise<Indicator[]> {
  let query = db.selectFrom('indicators').selectAll();
  if (filter.type) query = query.where('type', '=', filter.type);
  if (filter.visibility) query = query.where('visibility', 'in', [...filter.visibility]);
  // Tags are kept lower-case (the app normalises them), so SQLite's case-blind LIKE and PostgreSQL's agree.
  if (filter.tag !== undefined) query = query.where(sql`tags`, 'like', sql`${`%${likeText(JSON.stringify(filter.tag.toLowerCase()))}%`} escape '\\'`);
  if (filter.liveAt) {
    const at = isoOf(filter.liveAt, 'filter.liveAt');
    query = query.where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', at)]));
  }
  if (filter.q) {
    const pattern = `%${likeText(filter.q.toLowerCase())}%`;
    query = query.where((eb) =>
      eb.or([
        eb(sql`lower(value)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(source)`, 'like', sql`${pattern} escape '\\'`),
        eb(sql`lower(notes)`, 'like', sql`${pattern} escape '\\'`),
      ]),
    );
  }
  query = query.orderBy('type').orderBy('value');
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  return withLinks(db, (await query.execute()).map(toRecord), viewer);
}

/** One indicator by id with the links `viewer` may know. */
export async function getIndicator(db: Db, id: string, viewer: LinkViewer): Promise<Indicator | undefined> {
  const row = await db.selectFrom('indicators').selectAll().where('id', '=', id).executeTakeFirst();
  return row && (await withLinks(db, [toRecord(row)], viewer))[0];
}

/** One indicator by normalised type and value, without links. */
export async function findIndicator(db: Db, type: IndicatorType, value: string): Promise<IndicatorRecord | undefined> {
  const row = await db.selectFrom('indicators').selectAll().where('type', '=', type).where('value', '=', value).executeTakeFirst();
  return row && toRecord(row);
}

/** Every indicator live at `at` (no expiry, or expiring after it), without links. */
export async function listLiveIndicators(db: Db, at: Date): Promise<IndicatorRecord[]> {
  const iso = isoOf(at, 'liveAt');
  const rows = await db
    .selectFrom('indicators')
    .selectAll()
    .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', iso)]))
    .execute();
  return rows.map(toRecord);
}

/** Adds or replaces an indicator's row by id; another row with the same type and value is a conflict. */
export async function saveIndicator(db: Db, record: IndicatorRecord): Promise<void> {
  const values = {
    type: record.type,
    value: record.value,
    tags: JSON.stringify(record.tags),
    confidence: record.confidence,
    source: record.source,
    first_seen_at: record.firstSeenAt,
    last_seen_at: record.lastSeenAt,
    expires_at: record.expiresAt,
    notes: record.notes,
    visibility: record.visibility,
    created_by: record.createdBy,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
  };
  try {
    await db.insertInto('indicators').values({ id: record.id, ...values }).onConflict((oc) => oc.column('id').doUpdateSet(values)).execute();
  } catch (error) {
    if (isUniqueViolation(error)) throw new StoreConflictError(`indicator ${record.type} "${record.value}" exists`, { cause: error });
    throw error;
  }
}

/** Deletes an indicator and its links; false when there was none. */
export async function deleteIndicator(db: Db, id: string): Promise<boolean> {
  await db.deleteFrom('indicator_incidents').where('indicator_id', '=', id).execute();
  const result = await db.deleteFrom('indicators').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Adds links; a link already there keeps its first time. Answers how many links were new. */
export async function linkIndicators(db: Db, links: readonly IndicatorLink[]): Promise<number> {
  let added = 0;
  for (const part of chunks(links)) {
    const result = await db
      .insertInto('indicator_incidents')
      .values(part.map((l) => ({ indicator_id: l.indicatorId, incident_id: l.incidentId, linked_at: isoOf(l.linkedAt, 'indicator_incidents.linked_at') })))
      .onConflict((oc) => oc.columns(['indicator_id', 'incident_id']).doNothing())
      .executeTakeFirst();
    added += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return added;
}

/** Moves `last_seen_at` of these indicators forward to `at` (never back). */
export async function touchIndicators(db: Db, ids: readonly string[], at: Date): Promise<void> {
  const iso = isoOf(at, 'indicators.last_seen_at');
  for (const part of chunks(ids)) {
    await db.updateTable('indicators').set({ last_seen_at: iso }).where('id', 'in', part).where('last_seen_at', '<', iso).execute();
  }
}
