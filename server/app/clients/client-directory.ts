import type { Client } from '../../../shared/schemas/client.js';
import { createClientMap, type ClientMap } from '../../core/clients/index.js';
import type { Clock } from '../ports/clock.js';
import type { ClientSession } from '../ports/client-store.js';

/** How long a relay trusts its in-memory clients before it reads them again (another relay may have written). */
const FRESH_MS = 30_000;

/**
 * The clients and their business maps held in memory, so that ingest maps an alert to its client
 * without a query per alert. A client write or a config apply on this relay calls `invalidate`; with
 * several relays on one database each reads the table again at most every 30 seconds.
 */
export interface ClientDirectory {
  /**
   * The current map; reads the clients through `session` (the caller's transaction, since on SQLite
   * the store's one connection is busy inside it) only when the cached map is missing or stale.
   */
  current(session: ClientSession): Promise<ClientMap>;
  /** Forgets the cached map; the next `current` reads the clients again. */
  invalidate(): void;
}

/** Creates the directory; `clock` decides when the cached map is stale. */
export function createClientDirectory(deps: { clock: Clock }): ClientDirectory {
  let cached: { map: ClientMap; readAt: number; generation: number } | undefined;
  let generation = 0;
  return {
    async current(session) {
      const now = deps.clock.now().getTime();
      if (cached && cached.generation === generation && now - cached.readAt < FRESH_MS) return cached.map;
      const startedAt = generation;
      const clients: Client[] = (await session.listClients()).map((r) => r.client);
      const map = createClientMap(clients);
      // A write that landed while reading makes this read stale: use it once, do not keep it.
      if (startedAt === generation) cached = { map, readAt: now, generation };
      return map;
    },
    invalidate() {
      generation += 1;
      cached = undefined;
    },
  };
}

/** A directory that always reads the clients (for tests and tools that need no cache). */
export const uncachedClientDirectory: ClientDirectory = {
  current: async (session) => createClientMap((await session.listClients()).map((r) => r.client)),
  invalidate: () => undefined,
};
