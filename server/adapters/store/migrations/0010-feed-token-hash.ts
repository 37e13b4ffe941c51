import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** The columns this migration reads and writes, as they are when it runs. */
interface FeedTables {
  calendar_feeds: { kind: string; subject: string; token: string; token_hash: string };
}

/**
 * Stores calendar feed tokens as SHA-256 hex, like every other token: renames `calendar_feeds.token`
 * to `token_hash` and hashes each plain token in place, so the feed URLs already handed out keep
 * working (the relay hashes the token of each request and looks the hash up). Same on both engines.
 */
export function feedTokenHashMigration(): Migration {
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as Kysely<FeedTables>;
      await db.schema.alterTable('calendar_feeds').renameColumn('token', 'token_hash').execute();
      const rows = await db.selectFrom('calendar_feeds').select(['kind', 'subject', 'token_hash']).execute();
      for (const row of rows) {
        const tokenHash = createHash('sha256').update(row.token_hash).digest('hex');
        await db
          .updateTable('calendar_feeds')
          .set({ token_hash: tokenHash })
          .where('kind', '=', row.kind)
          .where('subject', '=', row.subject)
          .execute();
      }
    },
  };
}
