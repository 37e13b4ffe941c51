import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest, storeMigrations } from './migrate.js';
import { openSqlite } from './sqlite-database.js';

describe('migrateToLatest', () => {
  it('names the migration that failed and rolls it back, keeping the ones applied before', async () => {
    const db = openSqlite(':memory:');
    try {
      await migrateToLatest(db, 'sqlite');
      const migrations = {
        ...storeMigrations('sqlite'),
        '9999-broken': {
          async up(trx: typeof db) {
            await trx.schema.createTable('half_done').addColumn('x', 'text').execute();
            throw new Error('syntax error somewhere');
          },
        },
      };
      const failure = migrateToLatest(db, 'sqlite', migrations);
      await expect(failure).rejects.toThrow(/migration "9999-broken" failed on sqlite: syntax error somewhere/);
      await expect(failure).rejects.toHaveProperty('cause.message', 'syntax error somewhere');
      const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(db);
      const names = tables.rows.map((row) => row.name);
      expect(names).toContain('incidents');
      expect(names).not.toContain('half_done');
      const applied = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
      expect(applied.rows).toEqual(Object.keys(storeMigrations('sqlite')).map((name) => ({ name })));
    } finally {
      await db.destroy();
    }
  });

  it('applies none of the pending migrations when one of them fails', async () => {
    const db = openSqlite(':memory:');
    try {
      const broken = { async up() { throw new Error('nope'); } };
      const migrations = { ...storeMigrations('sqlite'), '9999-broken': broken };
      await expect(migrateToLatest(db, 'sqlite', migrations)).rejects.toThrow(/"9999-broken"/);
      const tables = await sql<{ name: string }>`select name from sqlite_master where name = 'incidents'`.execute(db);
      expect(tables.rows).toEqual([]);
    } finally {
      await db.destroy();
    }
  });

  it('does nothing when every migration has run', async () => {
    const db = openSqlite(':memory:');
    try {
      await migrateToLatest(db, 'sqlite');
      await sql`insert into settings (key, value) values ('kept', 'yes')`.execute(db);
      await migrateToLatest(db, 'sqlite');
      const rows = await sql<{ value: string }>`select value from settings where key = 'kept'`.execute(db);
      expect(rows.rows).toEqual([{ value: 'yes' }]);
    } finally {
      await db.destroy();
    }
  });

  it('upgrades a database of an earlier release, keeping its rows', async () => {
    const db = openSqlite(':memory:');
    try {
      await migrateToLatest(db, 'sqlite', { '0001-initial': storeMigrations('sqlite')['0001-initial']! });
      await sql`insert into settings (key, value) values ('kept', 'yes')`.execute(db);
      await migrateToLatest(db, 'sqlite');
      const rows = await sql<{ value: string }>`select value from settings where key = 'kept'`.execute(db);
      expect(rows.rows).toEqual([{ value: 'yes' }]);
      const tables = await sql<{ name: string }>`select name from sqlite_master
        where type = 'table' and name in ('escalations', 'pages', 'devices') order by name`.execute(db);
      expect(tables.rows.map((row) => row.name)).toEqual(['devices', 'escalations', 'pages']);
    } finally {
      await db.destroy();
    }
  });

  it('keeps migration names in the order they must run', () => {
    const names = Object.keys(storeMigrations('postgres'));
    expect(names).toEqual([...names].sort());
    expect(names.every((name) => /^\d{4}-[a-z0-9-]+$/.test(name))).toBe(true);
  });
});
