import { sql, type RawBuilder, type Selectable } from 'kysely';
import type { HistoryFacets, HistorySort } from '../../../shared/schemas/history.js';
import type { IncidentSearch, IncidentSearchFilter, IncidentSearchHit, IncidentSearchPage } from '../../app/ports/history-store.js';
import type { HistoryCursor } from '../../core/history/history-cursor.js';
import type { SearchTerm } from '../../core/history/search-syntax.js';
import type { Db, Engine, IncidentsTable } from './database.js';
import { toIncident } from './incident-rows.js';
import { idColumn, matchedIncidents, placesMatching, rowMatches } from './search-match-sql.js';
import { alertText } from './search-docs.js';

type Direction = 'asc' | 'desc';

/** A sort: its key expressions with their directions; the id breaks ties in the last direction. */
interface SortPlan {
  keys: { expr: RawBuilder<unknown>; dir: Direction }[];
  idDir: Direction;
}

const PRIORITY_RANK = sql`case i.priority when 'high' then 0 when 'medium' then 1 else 2 end`;

function sortPlan(sort: HistorySort, scored: boolean): SortPlan {
  const firstSeen = sql`i.first_seen_ms`;
  switch (sort) {
    case 'relevance':
      // Without words every score is 0: relevance is the newest first.
      if (!scored) return sortPlan('newest', scored);
      return { keys: [{ expr: sql`m.score`, dir: 'desc' }, { expr: firstSeen, dir: 'desc' }], idDir: 'desc' };
    case 'oldest':
      return { keys: [{ expr: firstSeen, dir: 'asc' }], idDir: 'asc' };
    case 'priority':
      return { keys: [{ expr: PRIORITY_RANK, dir: 'asc' }, { expr: firstSeen, dir: 'desc' }], idDir: 'desc' };
    default:
      return { keys: [{ expr: firstSeen, dir: 'desc' }], idDir: 'desc' };
  }
}

/** The rows after the cursor's row in the plan's order: (k1, k2, …, id) past (v1, v2, …, vid). */
function afterCursor(engine: Engine, plan: SortPlan, cursor: HistoryCursor): RawBuilder<unknown> {
  const columns = [...plan.keys.map((k) => ({ expr: k.expr, dir: k.dir })), { expr: idColumn(engine, 'i'), dir: plan.idDir }];
  const values = [...cursor.key, cursor.id];
  const alternatives = columns.map((column, i) => {
    const equal = columns.slice(0, i).map((c, j) => sql`${c.expr} = ${values[j]}`);
    const past = column.dir === 'asc' ? sql`${column.expr} > ${values[i]}` : sql`${column.expr} < ${values[i]}`;
    return sql`(${sql.join([...equal, past], sql` and `)})`;
  });
  return sql`(${sql.join(alternatives, sql` or `)})`;
}

/** The filter conditions, need-to-know included (every query of the search uses them). */
function conditions(engine: Engine, filter: IncidentSearchFilter, visibleTo: string | null, none: readonly SearchTerm[]): RawBuilder<unknown>[] {
  const where: RawBuilder<unknown>[] = [];
  if (filter.status === 'open') where.push(sql`i.status <> 'resolved'`);
  else if (filter.status !== undefined && filter.status !== 'any') where.push(sql`i.status = ${filter.status}`);
  if (filter.priority) where.push(sql`i.priority = ${filter.priority}`);
  if (filter.clientId) where.push(sql`i.client_id = ${filter.clientId}`);
  if (filter.serviceId) where.push(sql`i.service_id = ${filter.serviceId}`);
  if (filter.teamId) where.push(sql`i.team_id = ${filter.teamId}`);
  if (filter.verdict === 'none') where.push(sql`i.triage_verdict is null`);
  else if (filter.verdict) where.push(sql`i.triage_verdict = ${filter.verdict}`);
  if (filter.assignee) where.push(sql`(i.triage_assignee = ${filter.assignee} or i.forensic_assignee = ${filter.assignee})`);
  if (filter.fromMs !== undefined) where.push(sql`i.first_seen_ms >= ${filter.fromMs}`);
  if (filter.toMs !== undefined) where.push(sql`i.first_seen_ms < ${filter.toMs}`);
  if (filter.excludeIds?.length) where.push(sql`i.id not in (${sql.join([...filter.excludeIds])})`);
  if (none.length) where.push(sql`i.id not in (select x.incident_id from (${placesMatching(engine, none)}) x)`);
  // Need-to-know inside the query: a confidential incident exists here only for the people on its list.
  if (visibleTo !== null) {
    where.push(sql`(i.confidential = 0 or exists (select 1 from incident_need_to_know n where n.incident_id = i.id and n.user_id = ${visibleTo}))`);
  }
  return where;
}

const FACETS: Record<keyof HistoryFacets, RawBuilder<unknown>> = {
  priority: sql`i.priority`,
  service: sql`i.service_id`,
  client: sql`coalesce(i.client_id, 'none')`,
  verdict: sql`coalesce(i.triage_verdict, 'none')`,
};

/**
 * Runs a history search (see IncidentSearch): one query for the page (one row more than asked, to
 * know whether another page follows), one per facet over all matches, and for the page's incidents
 * the best-weighted matching text (for snippets).
 */
export async function searchIncidents(db: Db, engine: Engine, search: IncidentSearch): Promise<IncidentSearchPage> {
  const terms = search.text?.all ?? [];
  const scored = terms.length > 0;
  const need = search.match === 'any' ? 1 : terms.length;
  const matched = scored ? sql`join (${matchedIncidents(engine, terms, need)}) m on m.incident_id = i.id` : sql``;
  const where = conditions(engine, search.filter, search.visibleTo, search.text?.none ?? []);
  const plan = sortPlan(search.sort, scored);
  const pageWhere = search.after ? [...where, afterCursor(engine, plan, search.after)] : where;
  const whereSql = (list: RawBuilder<unknown>[]) => (list.length ? sql`where ${sql.join(list, sql` and `)}` : sql``);
  const orderBy = sql.join([...plan.keys.map((k) => sql`${k.expr} ${sql.raw(k.dir)}`), sql`${idColumn(engine, 'i')} ${sql.raw(plan.idDir)}`]);
  const keyColumns = sql.join(plan.keys.map((k, n) => sql`${k.expr} as ${sql.ref(`k${n}`)}`));
  const limit = Math.max(1, Math.floor(search.limit));

  const { rows } = await sql<Selectable<IncidentsTable> & Record<string, number>>`
    select i.*, ${keyColumns} from incidents i ${matched} ${whereSql(pageWhere)} order by ${orderBy} limit ${limit + 1}`.execute(db);
  const more = rows.length > limit;
  const pageRows = rows.slice(0, limit);
  const hits: IncidentSearchHit[] = pageRows.map((row) => ({ incident: toIncident(row), score: scored ? Number(row.k0) : 0 }));
  if (scored && hits.length) await addMatchedTexts(db, engine, hits, terms);

  const facets: HistoryFacets = { priority: {}, service: {}, client: {}, verdict: {} };
  let total = 0;
  if (search.facets !== false) {
    for (const [name, expr] of Object.entries(FACETS) as [keyof HistoryFacets, RawBuilder<unknown>][]) {
      const { rows: counts } = await sql<{ k: string; c: number }>`
        select ${expr} as k, count(*) as c from incidents i ${matched} ${whereSql(where)} group by ${expr} order by ${expr}`.execute(db);
      for (const count of counts) facets[name][count.k] = Number(count.c);
    }
    total = Object.values(facets.priority).reduce((sum, c) => sum + c, 0);
  }

  const last = pageRows[pageRows.length - 1];
  const next = more && last ? { sort: search.sort, key: plan.keys.map((_, n) => Number(last[`k${n}`])), id: last.id } : undefined;
  return { hits, total, facets, ...(next ? { next } : {}) };
}

/** Gives each hit the text of its best-weighted matching place: a search document, else its latest matching alert. */
async function addMatchedTexts(db: Db, engine: Engine, hits: IncidentSearchHit[], terms: readonly SearchTerm[]): Promise<void> {
  const ids = hits.map((h) => h.incident.id);
  const { rows: docs } = await sql<{ incident_id: string; body: string }>`
    select t.incident_id, t.body from (
      select d.incident_id, d.body, row_number() over (partition by d.incident_id order by d.weight desc, d.pos) as rn
      from search_docs d where d.incident_id in (${sql.join(ids)}) and ${rowMatches(engine, 'search_docs', 'd', terms)}
    ) t where t.rn = 1`.execute(db);
  const texts = new Map(docs.map((d) => [d.incident_id, d.body]));
  const rest = ids.filter((id) => !texts.has(id));
  if (rest.length) {
    const { rows: alerts } = await sql<{ incident_id: string; summary: string; source: string; payload: string | null }>`
      select t.incident_id, t.summary, t.source, t.payload from (
        select a.incident_id, a.summary, a.source, a.payload, row_number() over (partition by a.incident_id order by a.pos desc) as rn
        from alerts a where a.incident_id in (${sql.join(rest)}) and ${rowMatches(engine, 'alerts', 'a', terms)}
      ) t where t.rn = 1`.execute(db);
    for (const a of alerts) texts.set(a.incident_id, alertText({ summary: a.summary, source: a.source, payload: a.payload === null ? null : JSON.parse(a.payload) }));
  }
  for (const hit of hits) {
    const text = texts.get(hit.incident.id);
    if (text !== undefined) hit.matchedText = text;
  }
}
