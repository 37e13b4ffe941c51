import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds the need-to-know lists of confidential incidents: one row per incident and person who may
 * know it (besides admins and IR managers), with who added them and when. Same schema on both engines.
 */
export function needToKnowMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('incident_need_to_know')
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('added_by', 'text', (c) => c.notNull())
        .addColumn('added_at', 'text', (c) => c.notNull())
        .addColumn('added_ms', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('incident_need_to_know_pk', ['incident_id', 'user_id'])
        .execute();
      // The board asks "which of these incidents may this person know?" per user.
      await db.schema.createIndex('incident_need_to_know_user').on('incident_need_to_know').column('user_id').execute();
    },
  };
}
