import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/store/create-store.js';
import type { Store } from '../ports/store.js';
import { createPingBatcher } from './ping-batcher.js';

const T0 = Date.UTC(2030, 0, 1);
const at = (seconds: number) => new Date(T0 + seconds * 1000);

describe('the ping batcher', () => {
  let store: Store;
  let transactions = 0;
  let counted: Store;

  beforeEach(async () => {
    store = await createStore(':memory:');
    transactions = 0;
    counted = Object.assign(Object.create(store) as Store, {
      transaction: <T>(fn: Parameters<Store['transaction']>[0]) => {
        transactions += 1;
        return store.transaction(fn) as Promise<T>;
      },
    });
    for (const id of ['a', 'b']) {
      await store.saveHeartbeat({ integrationId: id, serviceId: 's', state: 'ok', lastPingAt: at(0), deadlineAt: at(60), incidentId: null, updatedAt: at(0) });
    }
  });
  afterEach(() => store.close());

  it('writes a burst of pings in one transaction, the latest ping of each heartbeat winning', async () => {
    const batcher = createPingBatcher(counted);
    const pings = Array.from({ length: 200 }, (_, i) => batcher.record(i % 2 ? 'a' : 'b', at(i), at(i + 60)));
    expect(await Promise.all(pings)).toEqual(pings.map(() => true));
    expect(transactions).toBe(1);
    expect(await store.getHeartbeat('a')).toMatchObject({ lastPingAt: at(199), deadlineAt: at(259) });
    expect(await store.getHeartbeat('b')).toMatchObject({ lastPingAt: at(198), deadlineAt: at(258) });
  });

  it('takes the pings that arrive during a commit in the next one, and tells which need the full path', async () => {
    const batcher = createPingBatcher(counted);
    const first = batcher.record('a', at(1), at(61));
    await Promise.resolve();
    const later = [batcher.record('a', at(2), at(62)), batcher.record('unknown', at(2), at(62)), batcher.record('b', at(2), at(62))];
    expect(await first).toBe(true);
    expect(await Promise.all(later)).toEqual([true, false, true]);
    expect(transactions).toBe(2);
  });

  it('rejects every ping of a batch whose commit failed, and goes on with the next', async () => {
    let fail = true;
    const flaky = Object.assign(Object.create(store) as Store, {
      transaction: <T>(fn: Parameters<Store['transaction']>[0]) => {
        if (fail) {
          fail = false;
          return Promise.reject(new Error('disk full'));
        }
        return store.transaction(fn) as Promise<T>;
      },
    });
    const batcher = createPingBatcher(flaky);
    await expect(Promise.all([batcher.record('a', at(1), at(61)), batcher.record('b', at(1), at(61))])).rejects.toThrow('disk full');
    expect(await batcher.record('a', at(3), at(63))).toBe(true);
    expect(await store.getHeartbeat('a')).toMatchObject({ lastPingAt: at(3) });
  });
});
