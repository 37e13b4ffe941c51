import type { Store } from '../ports/store.js';

/**
 * Returns the name this relay node takes in job leases. A relay alone on its database (SQLite)
 * keeps one name across restarts, stored in the database, so that after a crash it knows the
 * leases it held as its own and takes those jobs back at once. Relays sharing PostgreSQL each take
 * `fresh`, a name of this process: the leases of a node that died lapse with its heartbeats.
 */
export async function nodeIdFor(store: Pick<Store, 'engine' | 'stableNodeId'>, fresh: string): Promise<string> {
  return store.engine === 'sqlite' ? store.stableNodeId(fresh) : fresh;
}
