import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds three incident columns the board shows: when a snoozed incident triggers again
 * (`snoozed_until`, indexed for the due-time scan), how many threat-intelligence indicators its alerts
 * matched (`intel_matches`), and the history hint (what became of past incidents like it, as JSON).
 * Same schema on both engines.
 */
export function incidentFlagsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('incidents').addColumn('snoozed_until', 'text').execute();
      await db.schema
        .alterTable('incidents')
        .addColumn('intel_matches', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema.alterTable('incidents').addColumn('history_hint', 'text').execute();
      await db.schema.createIndex('incidents_snoozed_until').on('incidents').column('snoozed_until').execute();
    },
  };
}
