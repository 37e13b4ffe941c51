import { afterEach, describe, expect, it } from 'vitest';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import type { JobRecord, Store } from '../ports/store.js';
import { createJobRunner, type JobRunner } from './job-runner.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const job: JobRecord = { id: 'job-1', kind: 'test.hold', incidentId: null, dueAt: T0, payload: {}, attempts: 0 };
/** Lets the store's promises and the runner's follow-ups settle. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/**
 * A first run of node `owner` that claims the job and hangs in its handler, then dies: its clock
 * stops, so it sends no more heartbeats. Returns the store and a clock for the next run.
 */
async function diedHoldingTheJob(owner: string): Promise<{ store: Store; clock: ManualClock }> {
  const opened = await openExampleStore(createManualClock(T0));
  cleanup = opened.cleanup;
  const { store } = opened;
  await store.upsertJob(job);
  let held = false;
  const first = createJobRunner({
    store,
    clock: createManualClock(T0),
    owner,
    onError: () => undefined,
    handlers: { 'test.hold': () => ((held = true), new Promise<void>(() => undefined)) },
  });
  void first.start();
  await settle();
  expect(held).toBe(true);
  return { store, clock: createManualClock(new Date(T0.getTime() + 1_000)) };
}

function nextRun(store: Store, clock: ManualClock, owner: string, ran: number[]): JobRunner {
  return createJobRunner({
    store,
    clock,
    owner,
    onError: (error) => {
      throw error;
    },
    handlers: { 'test.hold': async (_job, now) => void ran.push(now.getTime() - T0.getTime()) },
  });
}

describe('job runner after a node died holding a job', () => {
  it('runs the job at once when the restarted node keeps its name', async () => {
    const { store, clock } = await diedHoldingTheJob('node-1');
    const ran: number[] = [];
    const runner = nextRun(store, clock, 'node-1', ran);
    await runner.start();
    expect(ran).toEqual([1_000]);
    await runner.stop();
  });

  it('lets another node run it once the dead node\'s heartbeat runs out (5 s), not its lease (30 s)', async () => {
    const { store, clock } = await diedHoldingTheJob('node-1');
    const ran: number[] = [];
    const runner = nextRun(store, clock, 'node-2', ran);
    await runner.start();
    expect(ran).toEqual([]);
    clock.advance(3_000);
    await settle();
    expect(ran).toEqual([]);
    clock.advance(1_000);
    await settle();
    expect(ran).toEqual([5_000]);
    await runner.stop();
  });

  it('keeps a live node\'s jobs its own while it sends heartbeats', async () => {
    const opened = await openExampleStore(createManualClock(T0));
    cleanup = opened.cleanup;
    const { store } = opened;
    await store.upsertJob(job);
    const clock = createManualClock(T0);
    let calls = 0;
    const runner = createJobRunner({
      store,
      clock,
      owner: 'node-1',
      onError: () => undefined,
      handlers: { 'test.hold': () => ((calls += 1), new Promise<void>(() => undefined)) },
    });
    void runner.start();
    await settle();
    for (let s = 0; s < 10; s += 1) {
      clock.advance(1_000);
      await settle();
    }
    // Ten seconds on, the heartbeats keep node-1 alive: nobody else may claim its job.
    expect(calls).toBe(1);
    expect(await store.claimDueJobs(clock.now(), 10, 'node-2', 30_000)).toEqual([]);
  });
});

describe('job runner bookkeeping', () => {
  it('claims, completes and beats in transactions that do not wait for the disk', async () => {
    const opened = await openExampleStore(createManualClock(T0));
    cleanup = opened.cleanup;
    const BOOKKEEPING = new Set(['claimDueJobs', 'completeJobs', 'heartbeat']);
    // Each bookkeeping call, and whether it ran in a durable transaction, a non-durable one or none.
    const calls: string[] = [];
    const logged = (session: object, where: string) =>
      new Proxy(session, {
        get(target, name, receiver) {
          const value = Reflect.get(target, name, receiver);
          if (typeof value !== 'function') return value;
          if (BOOKKEEPING.has(String(name))) calls.push(`${String(name)} ${where}`);
          return value.bind(target);
        },
      });
    const store = new Proxy(opened.store, {
      get(target, name, receiver) {
        if (name === 'transaction') {
          return (fn: (tx: object) => Promise<unknown>, options?: { durable?: boolean }) =>
            target.transaction((tx) => fn(logged(tx, options?.durable === false ? 'not durable' : 'durable')), options);
        }
        return Reflect.get(logged(target, 'outside a transaction'), name, receiver);
      },
    }) as Store;
    for (const id of ['a', 'b', 'c']) await store.upsertJob({ ...job, id });
    const ran: string[] = [];
    const runner = createJobRunner({
      store,
      clock: createManualClock(T0),
      owner: 'node-1',
      onError: (error) => {
        throw error;
      },
      handlers: { 'test.hold': async (claimed) => void ran.push(claimed.id) },
    });
    await runner.start();
    await runner.stop();

    expect(ran.sort()).toEqual(['a', 'b', 'c']);
    expect(new Set(calls)).toEqual(new Set(['heartbeat not durable', 'claimDueJobs not durable', 'completeJobs not durable']));
  });
});
