import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds the threat-intelligence database (issue 15): `indicators` (one row per normalised type and
 * value, unique on the pair; tags as a JSON array; expiry indexed for the live-indicator read) and
 * `indicator_incidents` (an indicator's links to incidents, matched on ingest or made by hand,
 * indexed by incident). Same schema on both engines.
 */
export function intelMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('indicators')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('value', 'text', (c) => c.notNull())
        .addColumn('tags', 'text', (c) => c.notNull())
        .addColumn('confidence', 'integer', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text')
        .addColumn('notes', 'text', (c) => c.notNull())
        .addColumn('visibility', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addUniqueConstraint('indicators_type_value', ['type', 'value'])
        .execute();
      await db.schema.createIndex('indicators_expires_at').on('indicators').column('expires_at').execute();
      await db.schema
        .createTable('indicator_incidents')
        .addColumn('indicator_id', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('indicator_incidents_pk', ['indicator_id', 'incident_id'])
        .execute();
      await db.schema.createIndex('indicator_incidents_incident').on('indicator_incidents').column('incident_id').execute();
    },
  };
}
