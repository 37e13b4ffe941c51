import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds user deactivations: a deactivated person keeps their history (incidents, pages, timeline) but
 * no token of theirs works and they cannot sign in, until an admin reactivates them. A separate table
 * rather than a users column, so that applying a config file (which rewrites users) never reactivates
 * anyone. Same schema on both engines.
 */
export function tokenScopeMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('user_deactivations')
        // No foreign key: config apply may remove and re-add a user; the deactivation stays.
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('deactivated_at', 'text', (c) => c.notNull())
        .addColumn('deactivated_by', 'text')
        .execute();
    },
  };
}
