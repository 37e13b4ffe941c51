import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds paging: each incident's running escalation (frozen policy snapshot and engine state), the
 * pages sent to people, and the phones registered for pages. The schema is the same on both engines.
 */
export function pagingMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // One row per incident: the policy as it was when the escalation started, and the engine state.
      await db.schema
        .createTable('escalations')
        .addColumn('incident_id', 'text', (c) => c.primaryKey().references('incidents.id').onDelete('cascade'))
        .addColumn('policy', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      // No foreign key on user_id: a page stays part of the incident's history when its person leaves.
      await db.schema
        .createTable('pages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('page_key', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('level', 'integer', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('sent_at', 'text')
        .addColumn('delivered_at', 'text')
        .addColumn('read_at', 'text')
        .addColumn('error', 'text')
        .execute();
      await db.schema
        .createIndex('pages_user_channel_state')
        .on('pages')
        .columns(['user_id', 'channel', 'state'])
        .execute();
      await db.schema.createIndex('pages_incident').on('pages').column('incident_id').execute();

      await db.schema
        .createTable('devices')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text')
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('devices_user_id').on('devices').column('user_id').execute();
    },
  };
}
