import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds what reports (issue 14) read: the priority rule that set a new incident's priority
 * (`incidents.priority_rule`, "<serviceId>#<n>", null when the severity default applied), a person's
 * own time zone (`users.time_zone`, null: their team's). No new index: reports read their range on
 * `incidents_first_seen_ms` (0006) and the escalation marks on `timeline_events_type_at` (0004), so
 * ingest and the timeline pay nothing more per write. Same schema on both engines.
 */
export function reportsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('incidents').addColumn('priority_rule', 'text').execute();
      await db.schema.alterTable('users').addColumn('time_zone', 'text').execute();
    },
  };
}
