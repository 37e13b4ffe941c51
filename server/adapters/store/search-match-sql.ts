import { sql, type RawBuilder } from 'kysely';
import type { SearchTerm } from '../../core/history/search-syntax.js';
import type { Engine } from './database.js';

/**
 * The engine-specific pieces of a history search: which index rows match a term. Everything else of
 * the query is the same SQL on both engines. The terms hold letters and digits only (search-terms.ts),
 * so quoting them cannot break out of the match expression; they are bound as parameters all the same.
 */

/** A term as an FTS5 query string: `"disk"`, or `"dis"*` for a prefix. */
function ftsTerm(t: SearchTerm): string {
  return `"${t.term}"${t.prefix ? '*' : ''}`;
}

/** A term as tsquery text of exact lexemes: `'disk'`, or `'dis':*` for a prefix. */
function tsTerm(t: SearchTerm): string {
  return `'${t.term}'${t.prefix ? ':*' : ''}`;
}

/** The FTS5 or tsquery text matching any one of `terms`. */
function anyOf(engine: Engine, terms: readonly SearchTerm[]): string {
  return engine === 'postgres' ? terms.map(tsTerm).join(' | ') : terms.map(ftsTerm).join(' OR ');
}

/** A predicate on `alias.pos` / `alias.search_vector`: the alias's row (of `table`) matches any of `terms`. */
export function rowMatches(engine: Engine, table: 'alerts' | 'search_docs', alias: string, terms: readonly SearchTerm[]): RawBuilder<unknown> {
  const query = anyOf(engine, terms);
  if (engine === 'postgres') return sql`${sql.ref(`${alias}.search_vector`)} @@ ${query}::tsquery`;
  const fts = sql.table(`${table}_fts`);
  return sql`${sql.ref(`${alias}.pos`)} in (select rowid from ${fts} where ${fts} match ${query})`;
}

/**
 * The rows `(incident_id, w)` of every place `terms` (any of them) occur: alerts weigh 1, search
 * documents their own weight.
 */
export function placesMatching(engine: Engine, terms: readonly SearchTerm[]): RawBuilder<unknown> {
  return sql`select a.incident_id as incident_id, 1 as w from alerts a where ${rowMatches(engine, 'alerts', 'a', terms)}
    union all
    select d.incident_id as incident_id, d.weight as w from search_docs d where ${rowMatches(engine, 'search_docs', 'd', terms)}`;
}

/**
 * The incidents matching the terms, with their score: for each term, the weight of its best place in
 * the incident, summed. `need` is how many of the terms must occur (all of them, or one).
 */
export function matchedIncidents(engine: Engine, terms: readonly SearchTerm[], need: number): RawBuilder<unknown> {
  const perTerm = terms.map(
    (term) => sql`select p.incident_id as incident_id, max(p.w) as w from (${placesMatching(engine, [term])}) p group by p.incident_id`,
  );
  return sql`select h.incident_id as incident_id, sum(h.w) as score from (${sql.join(perTerm, sql` union all `)}) h
    group by h.incident_id having count(*) >= ${need}`;
}

/** An incident id compared byte by byte on both engines (PostgreSQL would use the database's collation). */
export function idColumn(engine: Engine, alias: string): RawBuilder<unknown> {
  return engine === 'postgres' ? sql`${sql.ref(`${alias}.id`)} collate "C"` : sql.ref(`${alias}.id`);
}
