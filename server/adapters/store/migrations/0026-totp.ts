import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds `user_totp`: one TOTP second factor per person (sealed secret, confirmation time, last accepted
 * time step, unused recovery codes' hashes as a JSON array). Same schema on both engines.
 */
export function totpMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('user_totp')
        .addColumn('user_id', 'text', (c) => c.primaryKey())
        .addColumn('secret_sealed', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('confirmed_at', 'text')
        .addColumn('last_step', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('recovery_hashes', 'text', (c) => c.notNull().defaultTo('[]'))
        .execute();
    },
  };
}
