import { buildIntelIndex, type IndexedIndicator, type IntelIndex } from '../../core/intel/intel-index.js';
import type { Clock } from '../ports/clock.js';
import type { IntelSession } from '../ports/intel-store.js';

/** How long a relay trusts its index before it reads the indicators again (another relay may have written). */
export const INDEX_FRESH_MS = 30_000;

/**
 * The live indicators held in memory as an index, so that ingest matches an alert without a query.
 * A write on this relay refreshes it (awaited by the writer); with several relays on one database,
 * the first ingest after 30 seconds starts a read in the background and goes on with the index it
 * has — ingest never waits for the store here.
 */
export interface IntelDirectory {
  /** The current index (empty until the first read). Starts a background refresh when it is stale. */
  current(): IntelIndex;
  /** Reads the live indicators and replaces the index. */
  refresh(): Promise<void>;
}

const EMPTY = buildIntelIndex([]);

/** Creates the directory over `store`; `onError` hears of a failed background read. */
export function createIntelDirectory(deps: { store: IntelSession; clock: Clock; onError: (error: unknown) => void }): IntelDirectory {
  let index: IntelIndex = EMPTY;
  let readAt = Number.NEGATIVE_INFINITY;
  let reading: Promise<void> | undefined;
  let generation = 0;

  const read = async (): Promise<void> => {
    const started = ++generation;
    const now = deps.clock.now();
    const rows = await deps.store.listLiveIndicators(now);
    const indexed: IndexedIndicator[] = rows.map((r) => ({
      id: r.id,
      type: r.type,
      value: r.value,
      confidence: r.confidence,
      tags: r.tags,
      visibility: r.visibility,
      expiresAt: r.expiresAt === null ? null : Date.parse(r.expiresAt),
    }));
    // A later read (after a later write) wins over this one.
    if (started !== generation) return;
    index = buildIntelIndex(indexed);
    readAt = now.getTime();
  };

  return {
    current() {
      if (deps.clock.now().getTime() - readAt >= INDEX_FRESH_MS && !reading) {
        reading = read()
          .catch(deps.onError)
          .finally(() => {
            reading = undefined;
          });
      }
      return index;
    },
    refresh: read,
  };
}
