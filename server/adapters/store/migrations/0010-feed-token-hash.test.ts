import { createHash } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../../tests/support/postgres.js';
import type { Database, Engine } from '../database.js';
import { KyselySession } from '../kysely-session.js';
import { migrateToLatest, storeMigrations } from '../migrate.js';
import { openPostgres } from '../postgres-database.js';
import { openSqlite } from '../sqlite-database.js';

/** A feed token as the relay handed them out before this migration: 32 random bytes, base64url. */
const PLAIN = 'q7Yx1bS3n_9Kd0Vw-4hTfLm2Pz8Rc6Ej5Ua1Go0Ni3M';
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Migrates `db` to just before 0010, stores feeds with plain tokens as the old code did, migrates to
 * the latest and checks the old URLs still find their feeds while no plain token remains.
 */
async function checkMigration(db: Kysely<Database>, engine: Engine): Promise<void> {
  const before = Object.fromEntries(Object.entries(storeMigrations(engine)).filter(([name]) => name < '0010'));
  await migrateToLatest(db, engine, before);
  const at = '2026-11-01T09:00:00.000Z';
  await sql`insert into calendar_feeds (kind, subject, token, created_at) values ('user', 'alice', ${PLAIN}, ${at})`.execute(db);
  await sql`insert into calendar_feeds (kind, subject, token, created_at) values ('schedule', 'noc-primary', ${'other-plain-token-0123456789'}, ${at})`.execute(db);

  await migrateToLatest(db, engine);

  const session = new KyselySession(db, engine);
  // A URL handed out before the migration: the relay hashes the token of the request and finds the feed.
  expect(await session.findCalendarFeed(sha256(PLAIN))).toEqual({ kind: 'user', subject: 'alice', tokenHash: sha256(PLAIN), createdAt: new Date(at) });
  expect(await session.findCalendarFeed(sha256('other-plain-token-0123456789'))).toMatchObject({ kind: 'schedule', subject: 'noc-primary' });
  // The plain token is no key any more, and no row holds one.
  expect(await session.findCalendarFeed(PLAIN)).toBeUndefined();
  const { rows } = await sql<Record<string, unknown>>`select * from calendar_feeds`.execute(db);
  expect(rows).toHaveLength(2);
  for (const row of rows) {
    expect(Object.keys(row).sort()).toEqual(['created_at', 'kind', 'subject', 'token_hash']);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
  }
  expect(JSON.stringify(rows)).not.toContain(PLAIN);
}

describe('migration 0010-feed-token-hash', () => {
  it('hashes the plain feed tokens of a SQLite database in place', async () => {
    const db = openSqlite(':memory:');
    try {
      await checkMigration(db, 'sqlite');
    } finally {
      await db.destroy();
    }
  });

  const serverUrl = process.env.KLAXON_TEST_PG_URL;
  describe.skipIf(!serverUrl)('on PostgreSQL (set KLAXON_TEST_PG_URL to run)', () => {
    let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
    beforeAll(async () => {
      database = await createTestDatabase(serverUrl!);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('hashes the plain feed tokens of a PostgreSQL database in place', async () => {
      const db = openPostgres(database!.url);
      try {
        await checkMigration(db, 'postgres');
      } finally {
        await db.destroy();
      }
    });
  });
});
