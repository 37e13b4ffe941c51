import type { CompiledQuery, Compilable } from 'kysely';
import type { Db, Engine } from './database.js';

/** Where an argument goes in a prepared query: Kysely takes it for a value and makes it a parameter. */
class Slot {
  constructor(readonly name: string) {}
}

/** A query built and compiled once per SQL dialect (and shape), run with new arguments each time. */
export interface PreparedQuery<A, R> {
  /** Runs it on `db` (the store or a transaction) with `args` in its slots; the rows it returns. */
  execute(db: Db, args: A): Promise<R[]>;
  /** The first row, or undefined. */
  executeTakeFirst(db: Db, args: A): Promise<R | undefined>;
}

/**
 * Prepares a query of the hot path. Kysely builds a tree of frozen nodes and compiles it to SQL on
 * every call: for the dozen statements of one ingest that cost more CPU than SQLite running them.
 * `build` gets `slots`, whose every field stands for the argument of that name (use it as a value,
 * never in a list or as SQL), and is run and compiled once per dialect; each run fills the compiled
 * parameters' slots from `args`. When the query's form depends on the arguments (the columns an
 * insert writes, a lock taken or not), `shapeOf` names that form, `build` reads it from its third
 * parameter (never a value from it), and each shape is compiled once. An argument left undefined is
 * refused (SQL has no undefined; pass null).
 */
export function prepareQuery<A extends Record<string, unknown>, R>(
  build: (db: Db, slots: A, args: A) => Compilable<R>,
  shapeOf: (args: A) => string = () => '',
): PreparedQuery<A, R> {
  const slots = new Proxy({} as A, { get: (_target, name) => new Slot(String(name)) });
  // Per dialect (transactions share their store's adapter), then per shape.
  const compiled = new WeakMap<object, Map<string, CompiledQuery<R>>>();
  const compile = (db: Db, args: A): CompiledQuery<R> => {
    const adapter = db.getExecutor().adapter;
    let shapes = compiled.get(adapter);
    if (!shapes) compiled.set(adapter, (shapes = new Map()));
    const shape = shapeOf(args);
    let query = shapes.get(shape);
    if (!query) {
      query = build(db, slots, args).compile();
      shapes.set(shape, query);
    }
    return query;
  };
  const execute = async (db: Db, args: A): Promise<R[]> => {
    const query = compile(db, args);
    const parameters = query.parameters.map((value) => {
      if (!(value instanceof Slot)) return value;
      const arg = args[value.name];
      if (arg === undefined) throw new Error(`prepared query argument "${value.name}" is undefined: ${query.sql}`);
      return arg;
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
  return {
    execute,
    async executeTakeFirst(db, args) {
      return (await execute(db, args))[0];
    },
  };
}

/** A read that can take row locks (Kysely's select builders). */
interface LockableRead<R> extends Compilable<R> {
  forUpdate(): Compilable<R>;
}

/** A prepared read that locks its rows inside a PostgreSQL transaction. */
export interface LockingRead<A, R> {
  /** The first row; locked until commit when `db` is a PostgreSQL transaction. */
  executeTakeFirst(db: Db, engine: Engine, args: A): Promise<R | undefined>;
}

/**
 * Prepares a read whose rows stay locked (`FOR UPDATE`) until the transaction ends when it runs
 * inside a PostgreSQL transaction, so that a second relay changing the same rows waits for the first
 * one's commit and then reads its write; anywhere else it reads plainly (SQLite's write transactions
 * begin IMMEDIATE and have the database to themselves). Each form is compiled once.
 */
export function prepareLockingRead<A extends Record<string, unknown>, R>(build: (db: Db, slots: A) => LockableRead<R>): LockingRead<A, R> {
  const query = prepareQuery<A & { lock: boolean }, R>(
    (db, slots, { lock }) => {
      const read = build(db, slots);
      return lock ? read.forUpdate() : read;
    },
    ({ lock }) => (lock ? 'lock' : ''),
  );
  return {
    executeTakeFirst: (db, engine, args) => query.executeTakeFirst(db, { ...args, lock: engine === 'postgres' && db.isTransaction }),
  };
}

/** The shape of a row of values: the columns it has a value for (an insert writes those). */
export function columnsShape(row: Record<string, unknown>): string {
  let shape = '';
  for (const key in row) if (row[key] !== undefined) shape += `${key},`;
  return shape;
}

/** A row of slots for the columns `row` has a value for (for `insertInto(…).values(…)`). */
export function slotRow<T extends Record<string, unknown>>(slots: Record<string, unknown>, row: T): T {
  const out: Record<string, unknown> = {};
  for (const key in row) if (row[key] !== undefined) out[key] = slots[key];
  return out as T;
}

/** The arguments of a prepared multi-row insert: the rows themselves, and each value as `r<i>_<column>`. */
export type RowsArgs<T> = { rows: readonly T[] } & Record<string, unknown>;

/** The arguments for inserting `rows` with a query built on `rowSlots`. */
export function rowsArgs<T extends Record<string, unknown>>(rows: readonly T[]): RowsArgs<T> {
  const args: RowsArgs<T> = { rows };
  for (const [i, row] of rows.entries()) for (const key in row) if (row[key] !== undefined) args[`r${i}_${key}`] = row[key];
  return args;
}

/** The shape of a multi-row insert: each row's columns (rows of one batch mostly share theirs). */
export const rowsShape = (args: RowsArgs<Record<string, unknown>>): string => args.rows.map(columnsShape).join('|');

/** The rows of slots to build a multi-row insert of `rows` with (see `rowsArgs`). */
export function rowSlots<T extends Record<string, unknown>>(slots: Record<string, unknown>, rows: readonly T[]): T[] {
  return rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const key in row) if (row[key] !== undefined) out[key] = slots[`r${i}_${key}`];
    return out as T;
  });
}

/** `count` slots for an `in` list, filled by `listArgs`. */
export function listSlots(slots: Record<string, unknown>, count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => slots[`v${i}`]);
}

/** The arguments of an `in` list of `values` (`v0`, `v1`, …), with their count as `count`. */
export function listArgs(values: readonly unknown[]): { count: number } & Record<string, unknown> {
  const args: { count: number } & Record<string, unknown> = { count: values.length };
  for (const [i, value] of values.entries()) args[`v${i}`] = value;
  return args;
}
