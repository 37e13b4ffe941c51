import { sql, type Kysely } from 'kysely';
import type { ConfigRecords, Store, StoreSession, TransactionOptions } from '../../app/ports/store.js';
import type { Database, Engine } from './database.js';
import { KyselySession } from './kysely-session.js';
import { SQLITE_SYNCHRONOUS } from './sqlite-database.js';
import { isTransientAbort } from './store-errors.js';

/** How many times a transaction PostgreSQL aborted for a deadlock or serialization failure is run in all. */
export const TRANSACTION_ATTEMPTS = 5;

/**
 * The relay's store on a Kysely instance that owns its connection(s). Inside `transaction`, use only
 * the `tx` session it hands over: on SQLite the store's one connection is busy with the transaction
 * (a call on the store itself would wait forever), and on PostgreSQL it would run outside it.
 */
export class KyselyStore extends KyselySession implements Store {
  private closing: Promise<void> | undefined;

  /** Wraps `kysely`, which the store closes in `close()`. */
  constructor(
    private readonly kysely: Kysely<Database>,
    readonly engine: Engine,
  ) {
    super(kysely, engine);
  }

  /**
   * Runs `fn` in one transaction; a throw rolls every write back and is rethrown. When PostgreSQL
   * aborts the transaction to break a deadlock or a serialization conflict with another connection
   * (two relays, or a command racing an escalation step), nothing of it was written: `fn` runs again
   * in a new transaction, after a short random wait, up to `TRANSACTION_ATTEMPTS` times in all, so
   * the caller sees a result instead of a 500. `fn` must keep its effects inside `tx` (callers build
   * what they publish from the attempt that committed). With `durable: false` the commit does not
   * wait for the disk (see `TransactionOptions`).
   */
  async transaction<T>(fn: (tx: StoreSession) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
    const durable = options.durable ?? true;
    const run = (db: Kysely<Database>) =>
      db.transaction().execute(async (trx) => {
        if (!durable && this.engine === 'postgres') await sql`set local synchronous_commit = off`.execute(trx);
        return fn(new KyselySession(trx, this.engine));
      });
    for (let attempt = 1; ; attempt++) {
      try {
        if (durable || this.engine === 'postgres') return await run(this.kysely);
        // SQLite's setting belongs to the connection: it is held from the pragma to its reset, so
        // that no other transaction commits in between.
        return await this.kysely.connection().execute(async (db) => {
          await sql`pragma synchronous = normal`.execute(db);
          try {
            return await run(db);
          } finally {
            await sql.raw(`pragma synchronous = ${SQLITE_SYNCHRONOUS}`).execute(db);
          }
        });
      } catch (error) {
        if (this.engine !== 'postgres' || attempt >= TRANSACTION_ATTEMPTS || !isTransientAbort(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, attempt * 5 + Math.random() * 20 * attempt));
      }
    }
  }

  /** Reads every config entity in one transaction, so that the records are one consistent snapshot. */
  override readConfigRecords(): Promise<ConfigRecords> {
    return this.transaction((tx) => tx.readConfigRecords());
  }

  /** Answers when the database answers a trivial query. */
  async ping(): Promise<void> {
    await sql`select 1`.execute(this.kysely);
  }

  /** Closes the PostgreSQL pool or the SQLite handle; the store cannot be used afterwards. Idempotent. */
  close(): Promise<void> {
    this.closing ??= this.kysely.destroy();
    return this.closing;
  }
}
