import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/postgres.js';
import { createStore } from './create-store.js';
import { makeIncident } from './contract/fixtures.js';
import { storeMigrations } from './migrate.js';
import { describeStoreContract } from './store-contract.js';

const serverUrl = process.env.KLAXON_TEST_PG_URL;

/** Runs statements on the test database as a plain client. */
async function query<R extends pg.QueryResultRow>(url: string, text: string): Promise<R[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<R>(text)).rows;
  } finally {
    await client.end();
  }
}

/**
 * Gives each test an empty schema of the run's database, selected through the connection's
 * search_path, so that the store runs unchanged and tests cannot see each other's rows.
 */
async function freshSchema(databaseUrl: string): Promise<{ url: string; schema: string }> {
  const schema = `t_${randomBytes(5).toString('hex')}`;
  await query(databaseUrl, `create schema "${schema}"`);
  return { url: withOptions(databaseUrl, `-c search_path=${schema}`), schema };
}

/**
 * Adds server settings to a connection URL. The tests turn off synchronous commits: they check
 * behaviour, not durability, and every commit would otherwise wait for a disk flush.
 */
function withOptions(databaseUrl: string, options: string): string {
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c synchronous_commit=off ${options}`.trim());
  return url.toString();
}

/**
 * Empties the relay's tables (faster than a new database per test on a busy machine) and sets the
 * counters back to 0; the migration bookkeeping stays.
 */
async function emptyAllTables(databaseUrl: string): Promise<void> {
  const tables = await query<{ name: string }>(
    databaseUrl,
    `select tablename as name from pg_tables
      where schemaname = current_schema() and tablename <> 'counters' and tablename not like 'kysely%'`,
  );
  const list = tables.map((table) => `"${table.name}"`).join(', ');
  await query(databaseUrl, `truncate ${list} restart identity cascade; update counters set value = 0`);
}

/**
 * Resolves once a session of the database waits for a lock, polling on one connection; throws when
 * none does within `timeoutMs` (the transaction under test did not lock what it should have).
 */
async function untilLockWait(databaseUrl: string, timeoutMs = 5_000): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { rows } = await client.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock' and pid <> pg_backend_pid()`,
      );
      if (rows[0]!.n > 0) return;
      if (Date.now() > deadline) throw new Error(`No statement waited for a lock within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await client.end();
  }
}

/** The names of every migration, as the bookkeeping table lists them once all have run. */
const ALL_MIGRATIONS = Object.keys(storeMigrations('postgres')).map((name) => ({ name }));

if (!serverUrl) {
  describe.skip('PostgreSQL contract (set KLAXON_TEST_PG_URL to run)', () => {
    it('runs the store contract against a PostgreSQL server', () => undefined);
  });
} else {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  beforeAll(async () => {
    const created = await createTestDatabase(serverUrl);
    database = { url: withOptions(created.url, ''), drop: () => created.drop() };
  });
  afterAll(async () => {
    await database?.drop();
  });

  describeStoreContract('PostgreSQL', async () => {
    // The run's database is migrated by the first open; later opens find nothing to migrate.
    const store = await createStore(database!.url);
    await emptyAllTables(database!.url);
    return {
      store,
      reopen: () => createStore(database!.url),
      untilLockWait: () => untilLockWait(database!.url),
      cleanup: async () => undefined,
    };
  });

  describe('PostgreSQL store', () => {
    it('migrates once when two relays start at the same time', async () => {
      const { url, schema } = await freshSchema(database!.url);
      const stores = await Promise.all([createStore(url), createStore(url), createStore(url)]);
      try {
        expect(stores.map((store) => store.engine)).toEqual(['postgres', 'postgres', 'postgres']);
        await stores[0]!.insertIncident(makeIncident());
        expect(await stores[1]!.currentSeq()).toBe(1);
        const applied = await query<{ name: string }>(url, 'select name from kysely_migration order by name');
        expect(applied).toEqual(ALL_MIGRATIONS);
      } finally {
        await Promise.all(stores.map((store) => store.close()));
        await query(database!.url, `drop schema "${schema}" cascade`);
      }
    });

    it('runs a transaction that lost a deadlock again, so both sides commit instead of one failing', async () => {
      const { url, schema } = await freshSchema(database!.url);
      const store = await createStore(url);
      try {
        const policy = { id: 'p', name: 'P', team: 'noc', stopOn: 'read', repeat: 0, repeatPageEvery: 60, levels: [], failover: { email: [], users: [] } };
        const [a, b] = [await store.insertIncident(makeIncident()), await store.insertIncident(makeIncident())];
        for (const incident of [a, b]) await store.saveEscalation({ incidentId: incident.id, policy: policy as never, state: { n: 0 }, updatedAt: new Date() });
        // Each transaction locks one incident's escalation, waits until the other holds its own, then
        // asks for the other's: PostgreSQL aborts one of them with "deadlock detected" (40P01).
        const attempts = { first: 0, second: 0 };
        let firstHolds!: () => void;
        const firstLocked = new Promise<void>((resolve) => (firstHolds = resolve));
        let secondHolds!: () => void;
        const secondLocked = new Promise<void>((resolve) => (secondHolds = resolve));
        const cross = (name: 'first' | 'second', mine: string, theirs: string, held: () => void, other: Promise<void>) =>
          store.transaction(async (tx) => {
            attempts[name] += 1;
            const record = (await tx.getEscalation(mine))!;
            if (attempts[name] === 1) {
              held();
              await other;
            }
            await tx.getEscalation(theirs);
            await tx.saveEscalation({ ...record, state: { n: (record.state as { n: number }).n + 1, by: name }, updatedAt: new Date() });
            return name;
          });
        const outcomes = await Promise.allSettled([cross('first', a.id, b.id, firstHolds, secondLocked), cross('second', b.id, a.id, secondHolds, firstLocked)]);
        expect(outcomes).toEqual([
          { status: 'fulfilled', value: 'first' },
          { status: 'fulfilled', value: 'second' },
        ]);
        expect(attempts.first + attempts.second).toBe(3);
        expect((await store.getEscalation(a.id))?.state).toEqual({ n: 1, by: 'first' });
        expect((await store.getEscalation(b.id))?.state).toEqual({ n: 1, by: 'second' });
      } finally {
        await store.close();
        await query(database!.url, `drop schema "${schema}" cascade`);
      }
    });

    it('commits a transaction marked not durable without waiting for the WAL flush, and only that one', async () => {
      const { url, schema } = await freshSchema(database!.url);
      const ran: string[] = [];
      const store = await createStore(url, { log: (event) => void ran.push(event.query.sql.toLowerCase()) });
      try {
        ran.length = 0;
        await store.transaction((tx) => tx.setSetting('bookkeeping', 'yes'), { durable: false });
        await store.transaction((tx) => tx.setSetting('durable', 'yes'));
        // Each transaction's statements, from begin to commit.
        const transactions: string[][] = [];
        for (const line of ran) {
          if (line === 'begin') transactions.push([]);
          transactions.at(-1)?.push(line);
        }
        expect(transactions).toHaveLength(2);
        expect(transactions[0]).toContain('set local synchronous_commit = off');
        expect(transactions[1]!.some((line) => line.includes('synchronous_commit'))).toBe(false);
        expect(await store.getSetting('bookkeeping')).toBe('yes');
      } finally {
        await store.close();
        await query(database!.url, `drop schema "${schema}" cascade`);
      }
    });

    it('keeps epoch milliseconds and counters as bigint columns', async () => {
      const { url, schema } = await freshSchema(database!.url);
      await (await createStore(url)).close();
      const columns = await query<{ column: string; data_type: string }>(
        url,
        `select table_name || '.' || column_name as column, data_type from information_schema.columns
          where table_schema = '${schema}'
            and table_name || '.' || column_name in
              ('jobs.due_at', 'jobs.lease_until', 'counters.value', 'incidents.seq', 'incidents.changed_ms',
               'pages.created_ms')
          order by 1`,
      );
      expect(columns).toEqual(
        ['counters.value', 'incidents.changed_ms', 'incidents.seq', 'jobs.due_at', 'jobs.lease_until', 'pages.created_ms'].map(
          (column) => ({ column, data_type: 'bigint' }),
        ),
      );
      await query(database!.url, `drop schema "${schema}" cascade`);
    });

    it('keeps its own migration bookkeeping when another schema of the database has one', async () => {
      const first = await freshSchema(database!.url);
      const second = await freshSchema(database!.url);
      try {
        await (await createStore(first.url)).close();
        const store = await createStore(second.url);
        await store.close();
        const applied = await query<{ name: string }>(second.url, 'select name from kysely_migration order by name');
        expect(applied).toEqual(ALL_MIGRATIONS);
      } finally {
        await query(database!.url, `drop schema "${first.schema}" cascade; drop schema "${second.schema}" cascade`);
      }
    });
  });
}
