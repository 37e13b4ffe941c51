import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds the MSP's clients (each kept whole as a JSON document with its business map, with which side
 * last set it and the config declaration last applied), the services that belong to each (a service
 * to one client at most, enforced by its primary key), and the incident's client with an index for
 * filtering the board by client. Same schema on both engines.
 */
export function clientsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('clients')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('doc', 'text', (c) => c.notNull())
        .addColumn('managed_by', 'text', (c) => c.notNull())
        .addColumn('config_digest', 'text')
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .execute();
      await db.schema
        .createTable('client_services')
        .addColumn('service_id', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.id').onDelete('cascade'))
        .execute();
      await db.schema.createIndex('client_services_client').on('client_services').column('client_id').execute();
      await db.schema.alterTable('incidents').addColumn('client_id', 'text').execute();
      await db.schema.createIndex('incidents_client_id').on('incidents').column('client_id').execute();
    },
  };
}
