import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds the live relay nodes (each with the instant it is alive until, kept fresh by heartbeats), so
 * that the jobs a dead node leased are claimed again soon after it died, and an index to find a
 * node's leases. Same schema on both engines.
 */
export function nodeIdentityMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('relay_nodes')
        .addColumn('node_id', 'text', (c) => c.primaryKey())
        .addColumn('alive_until', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('jobs_lease_owner').on('jobs').column('lease_owner').execute();
    },
  };
}
