import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds maintenance windows (each kept whole as a JSON document, with which side last set it and the
 * config declaration last applied; a deleted window keeps its row) and, on incidents, the window that
 * holds one back from escalation (`suppressed_by`, with its name for the board), indexed for the
 * window's end. Same schema on both engines.
 */
export function maintenanceMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('maintenance_windows')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('config_digest', 'text')
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema.alterTable('incidents').addColumn('suppressed_by', 'text').execute();
      await db.schema.alterTable('incidents').addColumn('suppressed_by_name', 'text').execute();
      await db.schema.createIndex('incidents_suppressed_by').on('incidents').column('suppressed_by').execute();
    },
  };
}
