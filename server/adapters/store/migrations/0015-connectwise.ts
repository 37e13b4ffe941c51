import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds the ConnectWise integration: connections (keys sealed, or named environment variables), each
 * incident's ticket and sync state, and the outbox of calls waiting to be made. Client and
 * connection ids are plain text (no foreign keys to tables other features own).
 */
export function connectWiseMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('connectwise_connections')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('public_key_sealed', 'text')
        .addColumn('private_key_sealed', 'text')
        .addColumn('managed_by', 'text', (c) => c.notNull())
        .addColumn('file_hash', 'text')
        .addColumn('broken_ms', 'bigint')
        .addColumn('broken_reason', 'text')
        .execute();
      await db.schema
        .createTable('connectwise_tickets')
        .addColumn('incident_id', 'text', (c) => c.primaryKey())
        .addColumn('connection_id', 'text', (c) => c.notNull())
        .addColumn('ticket_id', 'bigint')
        .addColumn('origin', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('last_status', 'text')
        .addColumn('retry_ms', 'bigint')
        .addColumn('updated_ms', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('connectwise_tickets_ticket').on('connectwise_tickets').column('ticket_id').execute();
      await db.schema
        .createTable('connectwise_ops')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('incident_id', 'text', (c) => c.notNull())
        .addColumn('ordinal', 'bigint', (c) => c.notNull())
        .addColumn('call', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('last_error', 'text')
        .addColumn('failed', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('connectwise_ops_incident').on('connectwise_ops').columns(['incident_id', 'ordinal']).execute();
    },
  };
}
