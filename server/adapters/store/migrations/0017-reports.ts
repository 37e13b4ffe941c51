import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds what reports (issue 14) read: the priority rule that set a new incident's priority
 * (`incidents.priority_rule`, "<serviceId>#<n>", null when the severity default applied), a person's
 * own time zone (`users.time_zone`, null: their team's), and indexes for the report queries over a
 * range narrowed by team or service. Same schema on both engines.
 */
export function reportsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('incidents').addColumn('priority_rule', 'text').execute();
      await db.schema.alterTable('users').addColumn('time_zone', 'text').execute();
      await db.schema.createIndex('incidents_team_first_seen').on('incidents').columns(['team_id', 'first_seen_ms']).execute();
      await db.schema.createIndex('incidents_service_first_seen').on('incidents').columns(['service_id', 'first_seen_ms']).execute();
    },
  };
}
