import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { createStatementCache } from './statement-cache.js';
import { countingPrepare, type SqlCounts } from './statement-cache-counter.js';

describe('statement cache', () => {
  const open: BetterSqlite3.Database[] = [];
  const memory = () => {
    const db = new BetterSqlite3(':memory:');
    db.exec('create table t (id integer primary key, v text)');
    open.push(db);
    return db;
  };
  afterEach(() => open.splice(0).forEach((db) => db.close()));

  it('prepares each SQL text once and hands back the same statement, which still runs with new parameters', () => {
    const db = memory();
    let prepared = 0;
    const cache = createStatementCache((sql) => (prepared++, db.prepare(sql)));
    const insert = cache.prepare('insert into t (v) values (?)');
    insert.run(['a']);
    expect(cache.prepare('insert into t (v) values (?)')).toBe(insert);
    cache.prepare('insert into t (v) values (?)').run(['b']);
    expect(cache.prepare('select v from t order by id').all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(prepared).toBe(2);
    expect(cache.stats).toEqual({ hits: 2, misses: 2 });
  });

  it('keeps at most its capacity, dropping the least recently used text', () => {
    const db = memory();
    const texts: string[] = [];
    const cache = createStatementCache((sql) => (texts.push(sql), db.prepare(sql)), 2);
    cache.prepare('select 1');
    cache.prepare('select 2');
    cache.prepare('select 1'); // now "select 2" is the least recently used
    cache.prepare('select 3');
    expect(cache.size).toBe(2);
    cache.prepare('select 1');
    cache.prepare('select 2');
    expect(texts).toEqual(['select 1', 'select 2', 'select 3', 'select 2']);
  });

  it('gives a fresh statement while the cached one is busy iterating', () => {
    const db = memory();
    db.exec("insert into t (v) values ('a'), ('b')");
    const cache = createStatementCache((sql) => db.prepare(sql));
    const select = cache.prepare('select v from t order by id');
    const rows = select.iterate([]);
    rows.next();
    const other = cache.prepare('select v from t order by id');
    expect(other).not.toBe(select);
    expect(other.all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    rows.return?.();
    expect(cache.prepare('select v from t order by id')).toBe(select);
  });

  it('refuses a capacity that is not a positive integer', () => {
    expect(() => createStatementCache(() => undefined as never, 0)).toThrow(/capacity/);
  });

  it('counts runs and commits of the statements it prepares', () => {
    const db = memory();
    const counts: SqlCounts = { statements: 0, commits: 0, prepares: 0 };
    const cache = createStatementCache(countingPrepare((sql) => db.prepare(sql), counts));
    for (let i = 0; i < 3; i++) {
      cache.prepare('begin').run([]);
      cache.prepare('insert into t (v) values (?)').run([String(i)]);
      cache.prepare('commit').run([]);
    }
    expect(counts).toEqual({ statements: 9, commits: 3, prepares: 3 });
  });
});
