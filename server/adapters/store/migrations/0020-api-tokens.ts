import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Adds API tokens (issue 18): personal and service tokens with scopes and an expiry, kept by the
 * SHA-256 of their secret (looked up by it, unique) with a short non-secret prefix to tell them
 * apart; `last_used_at` is written at most once a minute per token. Same schema on both engines.
 */
export function apiTokensMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('api_tokens')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('prefix', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .addColumn('last_used_at', 'text')
        .addColumn('revoked_at', 'text')
        .addColumn('revoked_by', 'text')
        .execute();
      await db.schema.createIndex('api_tokens_owner').on('api_tokens').columns(['owner_id', 'created_at']).execute();
    },
  };
}
