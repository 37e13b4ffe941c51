import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds Slack's tables: `slack_messages` (the message that shows each incident in its channel, to
 * update it), `slack_links` (a person's linked Slack account, one each way) and `slack_link_codes`
 * (one-time link codes, hashed). Same schema on both engines.
 */
export function slackMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('slack_messages')
        .addColumn('incident_id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('ts', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createTable('slack_links')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('slack_user_id', 'text', (c) => c.notNull().unique())
        .addColumn('slack_team_id', 'text')
        .addColumn('linked_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('slack_link_codes')
        .addColumn('code_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('slack_link_codes_user').on('slack_link_codes').column('user_id').execute();
    },
  };
}
