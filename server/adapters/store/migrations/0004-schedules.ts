import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds what schedules need beyond their documents: shift swap requests, calendar feed tokens, and
 * where each schedule came from (config file or console), plus an index for fair on-call's read of
 * acknowledgements and resolutions by time (pages by time use 0006's `pages_created_ms`). The schema is the same on both engines.
 */
export function schedulesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      // No foreign keys to users: a request stays in the history when a person leaves.
      await db.schema
        .createTable('swap_requests')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('schedule_id', 'text', (c) => c.notNull().references('schedules.id').onDelete('cascade'))
        .addColumn('requester', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('start_local', 'text', (c) => c.notNull())
        .addColumn('end_local', 'text', (c) => c.notNull())
        .addColumn('note', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_ms', 'bigint', (c) => c.notNull())
        .addColumn('decided_at', 'text')
        .addColumn('decided_by', 'text')
        .execute();
      await db.schema.createIndex('swap_requests_schedule').on('swap_requests').column('schedule_id').execute();

      await db.schema
        .createTable('calendar_feeds')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('token', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('calendar_feeds_pk', ['kind', 'subject'])
        .execute();

      await db.schema
        .createTable('schedule_sources')
        .addColumn('schedule_id', 'text', (c) => c.primaryKey())
        .addColumn('config_digest', 'text')
        .addColumn('edited_at', 'text')
        .addColumn('edited_by', 'text')
        .execute();

      await db.schema.createIndex('timeline_events_type_at').on('timeline_events').columns(['type', 'at_ms']).execute();
    },
  };
}
