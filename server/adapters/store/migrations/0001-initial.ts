import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';
import { INCIDENT_SEQ_COUNTER, type Engine } from '../database.js';

/**
 * Creates the first schema: accounts, config entities, incidents with their alerts and timeline,
 * due jobs, counters and settings. Only the auto-numbered `pos` columns differ between engines.
 */
export function initialMigration(engine: Engine): Migration {
  /** Adds an auto-numbered primary key that keeps insertion order. */
  const withPosition = <T extends string>(table: CreateTableBuilder<T, never>) =>
    engine === 'postgres'
      ? table.addColumn('pos', 'bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : table.addColumn('pos', 'integer', (c) => c.primaryKey().autoIncrement());

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('users')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_lower', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('notify', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .execute();
      await db.schema.createIndex('users_email_lower').on('users').column('email_lower').execute();

      await db.schema
        .createTable('tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('revoked_at', 'text')
        .execute();
      await db.schema.createIndex('tokens_user_id').on('tokens').column('user_id').execute();

      await db.schema
        .createTable('teams')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('schedules')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('policies')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text')
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('services')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('policy_id', 'text', (c) => c.notNull())
        .addColumn('doc', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('integrations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull().references('services.id').onDelete('cascade'))
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('key_hash', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('integrations_key_hash').on('integrations').column('key_hash').unique().execute();
      await db.schema.createIndex('integrations_service_id').on('integrations').column('service_id').execute();

      await db.schema
        .createTable('incidents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('dedup_key', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('priority', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('alert_count', 'integer', (c) => c.notNull())
        .addColumn('first_seen_at', 'text', (c) => c.notNull())
        .addColumn('last_seen_at', 'text', (c) => c.notNull())
        .addColumn('acknowledged_at', 'text')
        .addColumn('resolved_at', 'text')
        .addColumn('deferred_until', 'text')
        .addColumn('escalation', 'text', (c) => c.notNull())
        .addColumn('triage_verdict', 'text')
        .addColumn('triage_assignee', 'text')
        .addColumn('forensic_assignee', 'text')
        .addColumn('confidential', 'integer', (c) => c.notNull())
        .addColumn('links', 'text', (c) => c.notNull())
        .addColumn('external_ref', 'text')
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('first_seen_ms', 'bigint', (c) => c.notNull())
        .addColumn('changed_ms', 'bigint', (c) => c.notNull())
        .execute();
      // At most one open incident per service and dedup key; resolved ones may repeat the key.
      await db.schema
        .createIndex('incidents_open_dedup')
        .on('incidents')
        .columns(['service_id', 'dedup_key'])
        .unique()
        .where(sql.ref('status'), '<>', sql.lit('resolved'))
        .execute();
      await db.schema
        .createIndex('incidents_status_first_seen')
        .on('incidents')
        .columns(['status', 'first_seen_ms'])
        .execute();
      await db.schema.createIndex('incidents_seq').on('incidents').column('seq').execute();
      await db.schema.createIndex('incidents_changed').on('incidents').column('changed_ms').execute();

      await withPosition(db.schema.createTable('alerts'))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('service_id', 'text', (c) => c.notNull())
        .addColumn('integration_type', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('dedup_key', 'text', (c) => c.notNull())
        .addColumn('summary', 'text', (c) => c.notNull())
        .addColumn('severity', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('received_at', 'text', (c) => c.notNull())
        .addColumn('payload', 'text')
        .execute();
      await db.schema.createIndex('alerts_incident').on('alerts').columns(['incident_id', 'pos']).execute();

      await withPosition(db.schema.createTable('timeline_events'))
        .addColumn('id', 'text', (c) => c.notNull().unique())
        .addColumn('incident_id', 'text', (c) => c.notNull().references('incidents.id').onDelete('cascade'))
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('at_ms', 'bigint', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text')
        .addColumn('data', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('timeline_events_incident')
        .on('timeline_events')
        .columns(['incident_id', 'at_ms', 'pos'])
        .execute();

      // Jobs carry no foreign key: they are transient work rows the app deletes itself.
      await db.schema
        .createTable('jobs')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('incident_id', 'text')
        .addColumn('due_at', 'bigint', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'bigint')
        .execute();
      await db.schema.createIndex('jobs_due_at').on('jobs').column('due_at').execute();
      await db.schema.createIndex('jobs_incident').on('jobs').column('incident_id').execute();

      await db.schema
        .createTable('counters')
        .addColumn('name', 'text', (c) => c.primaryKey())
        .addColumn('value', 'bigint', (c) => c.notNull())
        .execute();
      await sql`insert into counters (name, value) values (${INCIDENT_SEQ_COUNTER}, 0)`.execute(db);

      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  };
}
