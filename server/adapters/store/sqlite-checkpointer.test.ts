import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startSqliteCheckpointer, type SqliteCheckpointer } from './sqlite-checkpointer.js';
import { openSqlite, SQLITE_PRAGMAS } from './sqlite-database.js';

describe('startSqliteCheckpointer', () => {
  let dir: string;
  let db: BetterSqlite3.Database;
  let checkpointer: SqliteCheckpointer | undefined;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'klaxon-checkpoint-'));
    db = new BetterSqlite3(path.join(dir, 'klaxon.db'));
    for (const pragma of SQLITE_PRAGMAS) db.pragma(pragma);
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, body text not null)');
  });

  afterEach(async () => {
    await checkpointer?.stop();
    checkpointer = undefined;
    if (db.open) db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const write = (transactions: number) => {
    const insert = db.prepare('insert into t (body) values (?)');
    for (let i = 0; i < transactions; i++) db.transaction(() => insert.run('x'.repeat(2000)))();
  };
  const walBytes = () => statSync(path.join(dir, 'klaxon.db-wal')).size;

  it('copies the WAL into the database from its own thread, so the writer can start the WAL over', async () => {
    const exits: (Error | undefined)[] = [];
    // Checkpoints only when asked, within the test.
    checkpointer = startSqliteCheckpointer(path.join(dir, 'klaxon.db'), (error) => exits.push(error), 3_600_000);
    write(1500);
    const grown = walBytes();
    // Without a checkpoint (the writer's own is off) the WAL only grows.
    expect(grown).toBeGreaterThan(1500 * 2000);
    const result = await checkpointer.checkpointNow();
    expect(result.busy).toBe(false);
    expect(result.log).toBeGreaterThan(1500);
    expect(result.checkpointed).toBe(result.log);
    // Every frame is in the database: the next writes start at the WAL's beginning (the file does not grow).
    write(100);
    expect(walBytes()).toBe(grown);
    expect((db.prepare('select count(*) as n from t').get() as { n: number }).n).toBe(1600);
    await checkpointer.stop();
    expect(exits).toEqual([undefined]);
    await expect(checkpointer.checkpointNow()).rejects.toThrow('stopped');
  });

  it('tells when the thread ends by an error', async () => {
    const exits: (Error | undefined)[] = [];
    checkpointer = startSqliteCheckpointer(path.join(dir, 'missing', 'klaxon.db'), (error) => exits.push(error));
    await expect(checkpointer.checkpointNow()).rejects.toThrow();
    await checkpointer.stop();
    expect(exits).toHaveLength(1);
    expect(exits[0]).toBeInstanceOf(Error);
  });
});

describe('openSqlite with a checkpoint thread', () => {
  it('turns the commit-time checkpoint off while the thread runs, and leaves it on without one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-checkpoint-'));
    try {
      const threaded = openSqlite(path.join(dir, 'a.db'), { checkpointThread: true });
      const plain = openSqlite(path.join(dir, 'b.db'));
      const pages = async (db: typeof plain) => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]!.wal_autocheckpoint;
      expect(await pages(threaded)).toBe(0);
      expect(await pages(plain)).toBe(1000);
      await threaded.destroy();
      await plain.destroy();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

});
