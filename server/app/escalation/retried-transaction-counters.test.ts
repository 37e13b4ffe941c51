import { afterEach, describe, expect, it } from 'vitest';
import { BASE_POLICY, type EscalationWorld, MIN, openEscalationWorld, T0 } from '../../../tests/support/escalation-world.js';
import type { Store } from '../ports/store.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Rolled back on purpose after the work ran, as a PostgreSQL deadlock does. */
class RolledBack extends Error {}

/**
 * The store with every transaction run twice: once rolled back after its work, then for real — what
 * `KyselyStore.transaction` does on a PostgreSQL deadlock.
 */
function everyTransactionRetried(store: Store): Store {
  return new Proxy(store, {
    get(target, name, receiver) {
      if (name !== 'transaction') {
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return async (work: Parameters<Store['transaction']>[0]) => {
        await target
          .transaction(async (tx) => {
            await work(tx);
            throw new RolledBack();
          })
          .catch((error: unknown) => {
            if (!(error instanceof RolledBack)) throw error;
          });
        return target.transaction(work);
      };
    },
  }) as Store;
}

describe('counters of work done inside a transaction', () => {
  it('count the committed run only, however often the work ran', async () => {
    // Level 1 (bob) times out into level 2 (cara), which times out into the failover.
    world = await openEscalationWorld(BASE_POLICY, T0, () => {}, { wrapStore: everyTransactionRetried });
    const { h, clock, trigger } = world;
    const id = await trigger();
    await h.drain();
    clock.advance(5 * MIN);
    await h.drain();
    clock.advance(10 * MIN);
    await h.drain();

    expect(h.errors).toEqual([]);
    // Each record of a send ran twice (once rolled back); every send, first or repeat, counts once.
    expect(h.pushes.filter((p) => p.incidentId === id && p.attempt === 1).map((p) => p.userId)).toEqual(['bob', 'cara']);
    expect(h.pushes.length).toBeGreaterThan(2);
    expect(h.metrics.pagesSent.count).toBe(h.pushes.length);
    expect(h.metrics.escalations.count).toBe(1);
    expect(h.metrics.failovers.count).toBe(1);
  });
});
