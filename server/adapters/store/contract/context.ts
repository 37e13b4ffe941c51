import type { Store } from '../../../app/ports/store.js';

/**
 * What each part of the contract suite works on: a fresh, empty store per test, which a test may
 * replace (after close + reopen) so that the suite closes the right one afterwards.
 */
export interface ContractContext {
  store: Store;
  /** Opens the same database again, when the engine can (a file or a server, not `:memory:`). */
  reopen: (() => Promise<Store>) | undefined;
  /**
   * Resolves once some statement on the database waits for a row lock another transaction holds;
   * only engines with row locks (PostgreSQL) provide it.
   */
  untilLockWait: (() => Promise<void>) | undefined;
}
