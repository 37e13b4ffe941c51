import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds post-mortems (issue 14). A post-mortem keeps its written fields, their per-field stamps and
 * its digest as JSON documents; what reports count is also kept in columns: the first question's
 * answer (`trigger_answer`), the state, and the action items one row each (owner, due date, state).
 * `postmortem_incidents` holds every incident a post-mortem covers; an incident is in one at most.
 * Same schema on both engines.
 */
export function postmortemsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('postmortems')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull().unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('due_at', 'text')
        .addColumn('fields', 'text', (c) => c.notNull())
        .addColumn('stamps', 'text', (c) => c.notNull())
        .addColumn('digest', 'text')
        .addColumn('trigger_answer', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('review_requested_by', 'text')
        .addColumn('signed_off_by', 'text')
        .addColumn('signed_off_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('postmortems_state').on('postmortems').columns(['state', 'due_at']).execute();
      await db.schema
        .createTable('postmortem_incidents')
        .addColumn('incident_id', 'text', (c) => c.primaryKey())
        .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('postmortem_incidents_postmortem').on('postmortem_incidents').column('postmortem_id').execute();
      await db.schema
        .createTable('postmortem_comments')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
        .addColumn('author_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('postmortem_comments_postmortem').on('postmortem_comments').columns(['postmortem_id', 'at']).execute();
      await db.schema
        .createTable('postmortem_action_items')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('postmortem_id', 'text', (c) => c.notNull().references('postmortems.id').onDelete('cascade'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('owner', 'text')
        .addColumn('due_date', 'text')
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('link_kind', 'text')
        .addColumn('link_ref', 'text')
        .execute();
      await db.schema.createIndex('postmortem_action_items_postmortem').on('postmortem_action_items').column('postmortem_id').execute();
      await db.schema.createIndex('postmortem_action_items_owner').on('postmortem_action_items').columns(['owner', 'state', 'due_date']).execute();
    },
  };
}
