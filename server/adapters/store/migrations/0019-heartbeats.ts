import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds the heartbeat monitors' state (issue 18): one row per heartbeat integration that has been
 * pinged, with its last ping, its deadline (epoch ms), its state and its open incident. Same schema
 * on both engines.
 */
export function heartbeatsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('heartbeats')
        .addColumn('integration_id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('last_ping_at', 'bigint')
        .addColumn('deadline_at', 'bigint')
        .addColumn('incident_id', 'text')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  };
}
