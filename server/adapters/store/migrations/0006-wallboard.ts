import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds wallboard tokens (read-only credentials for wall screens, kept as SHA-256 hashes) and an index
 * on alert arrival times for the wallboard's alerts-per-hour chart. Same schema on both engines.
 */
export function wallboardMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('wallboard_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        // No foreign key: a token stays listed (and revocable) when the manager who made it leaves.
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('alerts_received_at').on('alerts').column('received_at').execute();
      await db.schema.createIndex('incidents_first_seen_ms').on('incidents').column('first_seen_ms').execute();
      await db.schema.createIndex('pages_created_ms').on('pages').column('created_ms').execute();
    },
  };
}
