import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Replaces the index of jobs by lease owner with one by lease owner and due time, so that the
 * runner's "when is the next job due" reads the earliest unleased row from the index instead of
 * visiting every unleased row (thousands in a storm, on every wake-up). Same schema on both engines.
 */
export function jobWakeIndexMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.createIndex('jobs_lease_owner_due_at').on('jobs').columns(['lease_owner', 'due_at']).execute();
      await db.schema.dropIndex('jobs_lease_owner').execute();
    },
  };
}
