import type { Store } from '../ports/store.js';

/** One ping waiting for its commit. */
interface Waiting {
  integrationId: string;
  at: Date;
  deadlineAt: Date;
  resolve: (recorded: boolean) => void;
  reject: (error: unknown) => void;
}

/** Writes pings' cheap path together (see `createPingBatcher`). */
export interface PingBatcher {
  /**
   * Records a ping of an `ok` or `relay-down` heartbeat; resolves once committed, with whether the
   * cheap path applied (false: the heartbeat is waiting, late or unknown, and needs the full path).
   */
  record(integrationId: string, at: Date, deadlineAt: Date): Promise<boolean>;
}

/**
 * Creates the ping batcher. A ping costs one row update; the pings that arrive while a transaction
 * runs are written together in the next one (several pings of one heartbeat become one update, the
 * latest), so a burst of pings costs one commit, never one each.
 */
export function createPingBatcher(store: Pick<Store, 'transaction'>): PingBatcher {
  let queue: Waiting[] = [];
  let flushing = false;

  const flush = async () => {
    flushing = true;
    try {
      while (queue.length > 0) {
        const batch = queue;
        queue = [];
        const latest = new Map<string, Waiting>();
        for (const item of batch) latest.set(item.integrationId, item);
        try {
          const recorded = await store.transaction(async (tx) => {
            const out = new Map<string, boolean>();
            for (const item of latest.values()) out.set(item.integrationId, await tx.recordPing(item.integrationId, item.at, item.deadlineAt));
            return out;
          });
          for (const item of batch) item.resolve(recorded.get(item.integrationId) ?? false);
        } catch (error) {
          for (const item of batch) item.reject(error);
        }
      }
    } finally {
      flushing = false;
    }
  };

  return {
    record(integrationId, at, deadlineAt) {
      return new Promise<boolean>((resolve, reject) => {
        queue.push({ integrationId, at, deadlineAt, resolve, reject });
        // Pings arriving in the same turn join this batch: the flush starts once the turn is over.
        if (!flushing) {
          flushing = true;
          queueMicrotask(() => void flush());
        }
      });
    },
  };
}
