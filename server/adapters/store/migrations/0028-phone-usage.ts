import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds `phone_usage`: per UTC month and kind (`sms` segments, `voice` minutes) the count the SMS and
 * voice channels spent, so that the Reports page can show the costs. Same schema on both engines.
 */
export function phoneUsageMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('phone_usage')
        .addColumn('month', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('amount', 'bigint', (c) => c.notNull().defaultTo(0))
        .addPrimaryKeyConstraint('phone_usage_pk', ['month', 'kind'])
        .execute();
    },
  };
}
