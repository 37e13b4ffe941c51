import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from './database.js';
import { migrateToLatest } from './migrate.js';
import { columnsShape, listArgs, listSlots, prepareLockingRead, prepareQuery, rowSlots, rowsArgs, rowsShape, slotRow, type RowsArgs } from './prepared-query.js';
import { openSqlite } from './sqlite-database.js';

describe('prepareQuery', () => {
  let db: Kysely<Database>;
  const ran: string[] = [];

  beforeEach(async () => {
    db = openSqlite(':memory:', { log: (event) => void ran.push(event.query.sql) });
    await migrateToLatest(db, 'sqlite');
    ran.length = 0;
  });

  afterEach(() => db.destroy());

  it('builds and compiles once, then runs with each call’s arguments, in and out of transactions', async () => {
    let builds = 0;
    const insert = prepareQuery((db, slot: { key: string; value: string }) => {
      builds += 1;
      return db.insertInto('settings').values({ key: slot.key, value: slot.value });
    });
    const byKey = prepareQuery((db, slot: { key: string }) => {
      builds += 1;
      return db.selectFrom('settings').select(['key', 'value']).where('key', '=', slot.key);
    });
    await insert.execute(db, { key: 'a', value: '1' });
    await db.transaction().execute(async (tx) => {
      await insert.execute(tx, { key: 'b', value: "2'); drop table settings; --" });
    });
    expect(builds).toBe(1);
    expect(await byKey.execute(db, { key: 'a' })).toEqual([{ key: 'a', value: '1' }]);
    expect(await byKey.executeTakeFirst(db, { key: 'b' })).toEqual({ key: 'b', value: "2'); drop table settings; --" });
    expect(await byKey.executeTakeFirst(db, { key: 'c' })).toBeUndefined();
    expect(builds).toBe(2);
    // The same SQL as Kysely builds, with placeholders: the values never enter the text.
    expect(ran).toContain(db.insertInto('settings').values({ key: 'x', value: 'y' }).compile().sql);
    expect(ran.every((text) => !text.includes('drop table'))).toBe(true);
  });

  it('locks what a locking read reads only inside a PostgreSQL transaction', async () => {
    await db.insertInto('settings').values({ key: 'a', value: '1' }).execute();
    const byKey = prepareLockingRead((db, slot: { key: string }) => db.selectFrom('settings').select('value').where('key', '=', slot.key));
    expect(await byKey.executeTakeFirst(db, 'sqlite', { key: 'a' })).toEqual({ value: '1' });
    await db.transaction().execute(async (tx) => {
      expect(await byKey.executeTakeFirst(tx, 'sqlite', { key: 'a' })).toEqual({ value: '1' });
    });
    // Outside a transaction there is nothing to hold a lock until.
    expect(await byKey.executeTakeFirst(db, 'postgres', { key: 'a' })).toEqual({ value: '1' });
    expect(ran.some((text) => /for update/i.test(text))).toBe(false);
    // SQLite cannot run FOR UPDATE: the PostgreSQL form inside a transaction is the locking one.
    await expect(db.transaction().execute((tx) => byKey.executeTakeFirst(tx, 'postgres', { key: 'a' }))).rejects.toThrow();
    expect(ran.filter((text) => /for update/i.test(text))).toHaveLength(1);
  });

  it('compiles each shape once: an insert of other columns is a query of its own', async () => {
    let builds = 0;
    const insert = prepareQuery((db, slot: { key: string; value?: string }, row) => {
      builds += 1;
      return db.insertInto('settings').values(slotRow(slot, row) as { key: string; value: string });
    }, columnsShape);
    await insert.execute(db, { key: 'a', value: '1' });
    await insert.execute(db, { key: 'b', value: '2' });
    expect(builds).toBe(1);
    // Without a value the column is left out, and the table refuses the row (value is NOT NULL).
    await expect(insert.execute(db, { key: 'c', value: undefined })).rejects.toThrow(/NOT NULL/);
    expect(builds).toBe(2);
    expect(ran.at(-1)).toBe('insert into "settings" ("key") values (?)');
  });

  it('refuses an argument left undefined, naming it', async () => {
    const byKey = prepareQuery((db, slot: { key: string }) => db.selectFrom('settings').select('value').where('key', '=', slot.key));
    await expect(byKey.execute(db, {} as { key: string })).rejects.toThrow('prepared query argument "key" is undefined');
  });

  it('inserts many rows and reads an in-list, compiled once per row count', async () => {
    let builds = 0;
    const insert = prepareQuery((db, slot: RowsArgs<{ key: string; value: string }>, { rows }) => {
      builds += 1;
      return db.insertInto('settings').values(rowSlots(slot, rows));
    }, rowsShape);
    const byKeys = prepareQuery(
      (db, slot: { count: number } & Record<string, unknown>, { count }) => db.selectFrom('settings').select(['key', 'value']).where('key', 'in', listSlots(slot, count) as string[]).orderBy('key'),
      ({ count }) => String(count),
    );
    await insert.execute(db, rowsArgs([{ key: 'a', value: '1' }, { key: 'b', value: '2' }]));
    await insert.execute(db, rowsArgs([{ key: 'c', value: '3' }, { key: 'd', value: '4' }]));
    await insert.execute(db, rowsArgs([{ key: 'e', value: '5' }]));
    expect(builds).toBe(2);
    expect(await byKeys.execute(db, listArgs(['e', 'a', 'd']))).toEqual([{ key: 'a', value: '1' }, { key: 'd', value: '4' }, { key: 'e', value: '5' }]);
    expect(await byKeys.execute(db, listArgs(['c', 'zz', 'b']))).toEqual([{ key: 'b', value: '2' }, { key: 'c', value: '3' }]);
    expect(await byKeys.execute(db, listArgs(['b']))).toEqual([{ key: 'b', value: '2' }]);
  });
});
