import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { PostmortemFields } from '../../../../shared/schemas/postmortem.js';
import type { Engine } from '../database.js';
import { alertTerms, incidentDoc, postmortemDocs, type SearchDoc, timelineDoc } from '../search-docs.js';

/** Rows read and written per step of the back-fill. */
const BATCH = 500;

/**
 * Adds the incident history (issue 15): saved searches, and the full-text index over incidents'
 * summaries and sources, alerts, notes, evidence and post-mortems. Alerts keep their normalised
 * terms in `alerts.search_terms`; the other texts are rows of `search_docs`. SQLite indexes both with
 * external-content FTS5 tables kept current by triggers (so every write of a row updates the index in
 * its own transaction); PostgreSQL with a generated `tsvector` column and a GIN index each. The terms
 * are split and normalised by the relay (search-terms.ts), never by the engines, so both match alike.
 * Existing incidents, alerts, notes and post-mortems are indexed here.
 */
export function historySearchMigration(engine: Engine): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('saved_searches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('query', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('saved_searches_owner').on('saved_searches').columns(['owner_id', 'name']).execute();

      await (engine === 'postgres'
        ? db.schema.createTable('search_docs').addColumn('pos', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
        : db.schema.createTable('search_docs').addColumn('pos', 'integer', (c) => c.primaryKey().autoIncrement()))
        .addColumn('doc_key', 'text', (c) => c.notNull().unique())
        // No foreign key: a post-mortem may name incidents the store does not hold (as its own tables allow).
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('weight', 'integer', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('terms', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('search_docs_incident').on('search_docs').column('incident_id').execute();
      await db.schema.alterTable('alerts').addColumn('search_terms', 'text').execute();

      await backfill(db);

      if (engine === 'postgres') {
        // array_to_tsvector takes the relay's terms as they are: PostgreSQL's parser never re-splits them.
        for (const [table, column] of [['alerts', 'search_terms'], ['search_docs', 'terms']] as const) {
          await sql`alter table ${sql.table(table)} add column search_vector tsvector
            generated always as (array_to_tsvector(array_remove(string_to_array(coalesce(${sql.ref(column)}, ''), ' '), ''))) stored`.execute(db);
          await sql`create index ${sql.id(`${table}_search`)} on ${sql.table(table)} using gin (search_vector)`.execute(db);
        }
        return;
      }
      // The ascii tokenizer splits only at spaces here (the terms hold letters and digits only), so
      // FTS5 indexes exactly the relay's terms.
      for (const [table, column] of [['alerts', 'search_terms'], ['search_docs', 'terms']] as const) {
        const fts = `${table}_fts`;
        await sql.raw(`create virtual table ${fts} using fts5(${column}, content='${table}', content_rowid='pos', tokenize='ascii')`).execute(db);
        await sql.raw(`create trigger ${fts}_insert after insert on ${table} begin
            insert into ${fts}(rowid, ${column}) values (new.pos, new.${column}); end`).execute(db);
        await sql.raw(`create trigger ${fts}_delete after delete on ${table} begin
            insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.pos, old.${column}); end`).execute(db);
        await sql.raw(`create trigger ${fts}_update after update of ${column} on ${table} begin
            insert into ${fts}(${fts}, rowid, ${column}) values ('delete', old.pos, old.${column});
            insert into ${fts}(rowid, ${column}) values (new.pos, new.${column}); end`).execute(db);
        await sql.raw(`insert into ${fts}(${fts}) values ('rebuild')`).execute(db);
      }
    },
  };
}

/** Indexes what the database held before this migration, in batches. */
async function backfill(db: Kysely<unknown>): Promise<void> {
  const insertDocs = async (docs: SearchDoc[]) => {
    if (!docs.length) return;
    await sql`insert into search_docs (doc_key, incident_id, weight, body, terms) values ${sql.join(
      docs.map((d) => sql`(${d.doc_key}, ${d.incident_id}, ${d.weight}, ${d.body}, ${d.terms})`),
    )}`.execute(db);
  };

  let lastId = '';
  for (;;) {
    const { rows } = await sql<{ id: string; summary: string; source: string }>`
      select id, summary, source from incidents where id > ${lastId} order by id limit ${BATCH}`.execute(db);
    if (!rows.length) break;
    await insertDocs(rows.map(incidentDoc));
    lastId = rows[rows.length - 1]!.id;
  }

  let lastPos = 0;
  for (;;) {
    const { rows } = await sql<{ pos: number; summary: string; source: string; payload: string | null }>`
      select pos, summary, source, payload from alerts where pos > ${lastPos} order by pos limit ${BATCH}`.execute(db);
    if (!rows.length) break;
    for (const row of rows) {
      const terms = alertTerms({ summary: row.summary, source: row.source, payload: row.payload === null ? null : JSON.parse(row.payload) });
      await sql`update alerts set search_terms = ${terms} where pos = ${row.pos}`.execute(db);
    }
    lastPos = Number(rows[rows.length - 1]!.pos);
  }

  lastPos = 0;
  for (;;) {
    const { rows } = await sql<{ pos: number; id: string; incident_id: string; type: string; data: string }>`
      select pos, id, incident_id, type, data from timeline_events
      where pos > ${lastPos} and type in ('note.added', 'evidence.added') order by pos limit ${BATCH}`.execute(db);
    if (!rows.length) break;
    await insertDocs(
      rows.flatMap((row) => timelineDoc({ id: row.id, incidentId: row.incident_id, type: row.type, data: JSON.parse(row.data) as Record<string, unknown> }) ?? []),
    );
    lastPos = Number(rows[rows.length - 1]!.pos);
  }

  const { rows: postmortems } = await sql<{ id: string; fields: string }>`select id, fields from postmortems order by id`.execute(db);
  for (const postmortem of postmortems) {
    const { rows: covered } = await sql<{ incident_id: string }>`
      select incident_id from postmortem_incidents where postmortem_id = ${postmortem.id} order by position`.execute(db);
    await insertDocs(postmortemDocs(postmortem.id, covered.map((c) => c.incident_id), JSON.parse(postmortem.fields) as PostmortemFields));
  }
}
