import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds stakeholder status updates: `status_subscribers` (who follows a service or a client),
 * `status_templates` (a manager's words per stage; a stage without a row uses the default) and
 * `status_updates` (each update posted on an incident). Same schema on both engines.
 */
export function statusUpdatesMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('status_subscribers')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('scope_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_subscribers_scope').on('status_subscribers').columns(['scope', 'scope_id']).execute();
      await db.schema
        .createTable('status_templates')
        .addColumn('stage', 'text', (c) => c.primaryKey())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('status_updates')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('posted_by', 'text', (c) => c.notNull())
        .addColumn('posted_at', 'text', (c) => c.notNull())
        .addColumn('recipients', 'integer', (c) => c.notNull())
        .addColumn('channels', 'integer', (c) => c.notNull())
        .addColumn('confidential', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('status_updates_incident').on('status_updates').columns(['incident_id', 'posted_at']).execute();
    },
  };
}
