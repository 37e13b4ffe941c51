import { sql, type Kysely } from 'kysely';
import type { ConfigRecords, Store, StoreSession } from '../../app/ports/store.js';
import type { Database, Engine } from './database.js';
import { KyselySession } from './kysely-session.js';

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

  /** Runs `fn` in one transaction; a throw rolls every write back and is rethrown. */
  transaction<T>(fn: (tx: StoreSession) => Promise<T>): Promise<T> {
    return this.kysely.transaction().execute((trx) => fn(new KyselySession(trx, this.engine)));
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
