import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../adapters/store/create-store.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createIncidentFeed, type FeedChange } from '../feed/incident-feed.js';
import type { Store } from '../ports/store.js';
import { createGroupCommit, type GroupCommit } from './group-commit.js';

describe('group commit on SQLite', () => {
  let store: Store;
  let transactions: number;
  let failCommit: boolean;
  let published: FeedChange[];
  let poked: Date[];
  let group: GroupCommit;

  beforeEach(async () => {
    const real = await createStore(':memory:');
    transactions = 0;
    failCommit = false;
    // The real store, counting transactions; `failCommit` makes the shared commit fail after the work.
    store = Object.assign(Object.create(real) as Store, {
      transaction: <T>(fn: Parameters<Store['transaction']>[0]) => {
        transactions++;
        return real.transaction(async (tx) => {
          const result = (await fn(tx)) as T;
          if (failCommit) throw new Error('disk I/O error');
          return result;
        });
      },
    });
    published = [];
    poked = [];
    const feed = createIncidentFeed();
    feed.subscribe((change) => published.push(change));
    const clock = createManualClock(new Date('2030-01-01T00:00:00Z'));
    group = createGroupCommit({ store, feed, clock, pokeJobs: (at) => poked.push(at) });
  });
  afterEach(() => store.close());

  /** A request's work: writes a setting, records a feed change and a due job, then maybe throws. */
  const request = (key: string, fail = false) =>
    group.run(async (changes) => {
      await changes.tx.setSetting(key, 'written');
      changes.page({ id: key } as never);
      changes.dueAts.push(new Date(0));
      if (fail) throw new Error(`request ${key} failed`);
      return key;
    });

  it('commits the requests of one event-loop turn in one transaction, and fails only the one that threw', async () => {
    const results = await Promise.all([request('a'), request('b', true), request('c')].map((p) => p.then((v) => ({ ok: v }), (e: Error) => ({ error: e.message }))));
    expect(results).toEqual([{ ok: 'a' }, { error: 'request b failed' }, { ok: 'c' }]);
    expect(transactions).toBe(1);
    expect(await store.getSetting('a')).toBe('written');
    expect(await store.getSetting('b')).toBeUndefined();
    expect(await store.getSetting('c')).toBe('written');
    expect(published.map((c) => (c.type === 'page:updated' ? c.page.id : c.type))).toEqual(['a', 'c']);
    expect(poked).toHaveLength(2);
  });

  it('gathers the requests that arrive while a transaction runs into the next one', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    const first = group.run(async (changes) => {
      await changes.tx.setSetting('first', 'written');
      started();
      await gate;
      return 'first';
    });
    await running;
    const others = [request('x'), request('y'), request('z')];
    open();
    expect(await first).toBe('first');
    expect(await Promise.all(others)).toEqual(['x', 'y', 'z']);
    expect(transactions).toBe(2);
    for (const key of ['first', 'x', 'y', 'z']) expect(await store.getSetting(key)).toBe('written');
  });

  it('fails every request of a group whose commit fails, and publishes nothing', async () => {
    failCommit = true;
    const results = await Promise.allSettled([request('x'), request('y')]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect((results[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'disk I/O error' });
    failCommit = false;
    expect(await store.getSetting('x')).toBeUndefined();
    expect(await store.getSetting('y')).toBeUndefined();
    expect(published).toEqual([]);
    expect(poked).toEqual([]);
    // The group commit goes on working afterwards.
    expect(await request('z')).toBe('z');
    expect(await store.getSetting('z')).toBe('written');
  });

  it('answers every request of a group when an after-commit effect of one throws, and reports it', async () => {
    const reported: string[] = [];
    const feed = createIncidentFeed();
    const clock = createManualClock(new Date('2030-01-01T00:00:00Z'));
    const reporting = createGroupCommit({ store, feed, clock, pokeJobs: () => {}, onEffectError: (error) => reported.push((error as Error).message) });
    const ran: string[] = [];
    const withEffect = (key: string, fail: boolean) =>
      reporting.run(async (changes) => {
        await changes.tx.setSetting(key, 'written');
        changes.afterCommit(() => {
          if (fail) throw new Error(`effect of ${key} failed`);
        });
        changes.afterCommit(() => void ran.push(key));
        return key;
      });
    // Without a time limit a request left unanswered would hang the test: it must not.
    expect(await Promise.all([withEffect('a', true), withEffect('b', false), withEffect('c', true)])).toEqual(['a', 'b', 'c']);
    expect(reported).toEqual(['effect of a failed', 'effect of c failed']);
    // The other effects of a request whose effect threw still ran.
    expect(ran).toEqual(['a', 'b', 'c']);
    for (const key of ['a', 'b', 'c']) expect(await store.getSetting(key)).toBe('written');
  });

  it('fails only the request whose after-commit effect threw when nobody hears of such errors', async () => {
    const withEffect = (key: string, fail: boolean) =>
      group.run(async (changes) => {
        await changes.tx.setSetting(key, 'written');
        changes.afterCommit(() => {
          if (fail) throw new Error(`effect of ${key} failed`);
        });
        return key;
      });
    const results = await Promise.allSettled([withEffect('x', false), withEffect('y', true), withEffect('z', false)]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual(['x', 'effect of y failed', 'z']);
    // Committed all the same.
    expect(await store.getSetting('y')).toBe('written');
  });

  it('answers a request only after its group has committed', async () => {
    const order: string[] = [];
    const done = request('late').then(() => order.push('answered'));
    order.push('queued');
    await done;
    expect(order).toEqual(['queued', 'answered']);
    expect(await store.getSetting('late')).toBe('written');
  });
});
