import { afterEach, describe, expect, it } from 'vitest';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { JobRecord, Store } from '../ports/store.js';
import { createCommitBatcher } from './commit-batcher.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const job = (id: string): JobRecord => ({ id, kind: 'test', incidentId: id, dueAt: T0, payload: {}, attempts: 1 });

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

async function batcherUnderTest(maxBatch?: number) {
  const clock = createManualClock(T0);
  const opened = await openExampleStore(clock);
  cleanup = opened.cleanup;
  let transactions = 0;
  const store = new Proxy(opened.store, {
    get(target, name, receiver) {
      if (name === 'transaction') transactions += 1;
      const value = Reflect.get(target, name, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  }) as Store;
  const pokes: number[] = [];
  const handler = createCommitBatcher({ store, clock, feed: createIncidentFeed(), pokeJobs: (at) => pokes.push(at.getTime()), maxBatch }, async (changes, j) => {
    if (j.id === 'broken') throw new Error('broken job');
    await changes.tx.setSetting(`ran:${j.id}`, 'yes');
    await changes.schedule({ id: `next:${j.id}`, kind: 'test', incidentId: null, dueAt: T0, payload: {} });
  });
  return { store: opened.store, handler, pokes, transactions: () => transactions };
}

describe('commit batcher', () => {
  it('carries out jobs handed over together in one transaction, and answers each after its commit', async () => {
    const t = await batcherUnderTest();
    const ids = ['a', 'b', 'c', 'd', 'e'];
    await Promise.all(ids.map((id) => t.handler(job(id), T0)));
    expect(t.transactions()).toBe(1);
    for (const id of ids) expect(await t.store.getSetting(`ran:${id}`)).toBe('yes');
    // The runner is woken for the jobs the batch scheduled, after the commit.
    expect(t.pokes).toHaveLength(5);
  });

  it('splits a large hand-over into batches of at most maxBatch', async () => {
    const t = await batcherUnderTest(2);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => t.handler(job(id), T0)));
    expect(t.transactions()).toBe(3);
  });

  it('fails only the broken job of a batch: the others are committed', async () => {
    const t = await batcherUnderTest();
    const outcomes = await Promise.allSettled(['a', 'broken', 'c'].map((id) => t.handler(job(id), T0)));
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('broken job'));
    expect(await t.store.getSetting('ran:a')).toBe('yes');
    expect(await t.store.getSetting('ran:c')).toBe('yes');
    // Nothing of the broken job's batch is stored twice: each job ran alone after the batch rolled back.
    expect(await t.store.claimDueJobs(T0, 10, 'sweeper', 1_000).then((jobs) => jobs.map((j) => j.id).sort())).toEqual(['next:a', 'next:c']);
  });
});
