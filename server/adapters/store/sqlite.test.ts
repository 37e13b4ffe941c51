import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createStore } from './create-store.js';
import { makeIncident } from './contract/fixtures.js';
import { storeMigrations } from './migrate.js';
import { openSqlite } from './sqlite-database.js';
import { describeStoreContract } from './store-contract.js';

async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'klaxon-store-'));
}

describeStoreContract('SQLite', async () => {
  const dir = await tempDir();
  // A folder that does not exist yet: the store creates it.
  const file = join(dir, 'data', 'klaxon.db');
  return {
    store: await createStore(file),
    reopen: () => createStore(file),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

describe('SQLite store', () => {
  const dirs: string[] = [];
  afterEach(async () => {
    for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
  });

  it('runs with WAL, synchronous FULL, foreign keys on and a busy timeout', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const db = openSqlite(join(dir, 'pragmas.db'));
    try {
      const pragma = async (name: string) =>
        Object.values((await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(db)).rows[0]!)[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('synchronous')).toBe(2);
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
    } finally {
      await db.destroy();
    }
  });

  it('creates the parent folders and runs the migrations once however often it opens', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const file = join(dir, 'a', 'b', 'klaxon.db');
    await (await createStore(file)).close();
    expect(existsSync(file)).toBe(true);
    const store = await createStore(file);
    await store.insertIncident(makeIncident());
    await store.close();
    await (await createStore(file)).close();
    const raw = new BetterSqlite3(file, { readonly: true });
    try {
      expect(raw.prepare('select name from kysely_migration order by name').all()).toEqual(
        Object.keys(storeMigrations('sqlite')).map((name) => ({ name })),
      );
      expect(raw.prepare('select count(*) as n from incidents').get()).toEqual({ n: 1 });
      expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    } finally {
      raw.close();
    }
  });

  it('begins transactions immediately, holding the write lock from their start', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const file = join(dir, 'lock.db');
    const store = await createStore(file);
    const other = new BetterSqlite3(file);
    other.pragma('busy_timeout = 0');
    const write = () => other.prepare("insert into settings (key, value) values ('other', 'x')").run();
    try {
      await store.transaction(async (tx) => {
        await tx.getSetting('anything');
        expect(write).toThrow(/locked|busy/i);
      });
      expect(write().changes).toBe(1);
    } finally {
      other.close();
      await store.close();
    }
  });

  it('commits a transaction marked not durable without waiting for the disk, and only that one', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const ran: string[] = [];
    const store = await createStore(join(dir, 'durable.db'), { log: (event) => void ran.push(event.query.sql.toLowerCase()) });
    try {
      ran.length = 0;
      // A durable transaction asked for while the other runs waits for it, and then waits for the disk again.
      let durable: Promise<void> | undefined;
      await store.transaction(
        async (tx) => {
          durable = store.transaction((inner) => inner.setSetting('durable', 'yes'));
          await tx.setSetting('bookkeeping', 'yes');
        },
        { durable: false },
      );
      await durable;
      await store.transaction((tx) => tx.setSetting('after', 'yes'));
      const sync = (line: string) => /^pragma synchronous = (\w+)$/i.exec(line)?.[1]?.toLowerCase();
      // The level each commit ran at: the pragmas set before it, FULL (2) from the start.
      let level = 'full';
      const commits: string[] = [];
      for (const line of ran) {
        level = sync(line) ?? level;
        if (line === 'commit') commits.push(level);
      }
      expect(commits).toEqual(['normal', 'full', 'full']);
      expect(await store.getSetting('bookkeeping')).toBe('yes');
      expect(await store.getSetting('durable')).toBe('yes');
    } finally {
      await store.close();
    }
  });

  it('works in memory', async () => {
    const store = await createStore(':memory:');
    expect(store.engine).toBe('sqlite');
    await store.ping();
    expect((await store.insertIncident(makeIncident())).seq).toBe(1);
    await store.close();
  });

  it('names the file it cannot open', async () => {
    const dir = await tempDir();
    dirs.push(dir);
    // A folder where the database file should be.
    await expect(createStore(dir)).rejects.toThrow(dir);
  });
});
