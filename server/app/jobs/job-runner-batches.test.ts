import { afterEach, describe, expect, it } from 'vitest';
import { openExampleStore } from '../../../tests/support/example-store.js';
import { createManualClock, type ManualClock } from '../../../tests/support/manual-clock.js';
import type { JobRecord, Store, StoreSession } from '../ports/store.js';
import { createJobRunner, type JobHandler } from './job-runner.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const after = (ms: number) => new Date(T0.getTime() + ms);
const job = (id: string, incidentId: string | null, dueAt = T0): JobRecord => ({ id, kind: 'test', incidentId, dueAt, payload: {}, attempts: 0 });

/** Lets pending promise callbacks and store calls run (no time passes on the manual clock). */
const flush = async () => {
  for (let i = 0; i < 50; i++) await new Promise((resolve) => setImmediate(resolve));
};

let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await cleanup?.();
  cleanup = undefined;
});

/** The example store behind a proxy that counts the calls of the store and of its transactions. */
async function countingStore(clock: ManualClock): Promise<{ store: Store; calls: Record<string, number> }> {
  const opened = await openExampleStore(clock);
  cleanup = opened.cleanup;
  const calls: Record<string, number> = {};
  const counted = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(t, name, receiver) {
        const value = Reflect.get(t, name, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls[String(name)] = (calls[String(name)] ?? 0) + 1;
          if (name === 'transaction') {
            const fn = args[0] as (tx: StoreSession) => Promise<unknown>;
            return opened.store.transaction((tx) => fn(counted(tx)));
          }
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  return { store: counted(opened.store), calls };
}

/** A handler whose runs wait until the test releases them by job id. */
function heldHandler() {
  const started: string[] = [];
  const release = new Map<string, () => void>();
  const handler: JobHandler = (j) =>
    new Promise<void>((resolve) => {
      started.push(j.id);
      release.set(j.id, resolve);
    });
  return { handler, started, release: (id: string) => release.get(id)!() };
}

describe('job runner batches and concurrency', () => {
  it('claims a backlog in a few batches and deletes finished jobs with the next claim, not one by one', async () => {
    const clock = createManualClock(T0);
    const { store, calls } = await countingStore(clock);
    for (let i = 0; i < 40; i++) await store.upsertJob(job(`job-${i}`, `incident-${i}`));
    for (const key of Object.keys(calls)) delete calls[key];
    const ran: string[] = [];
    const runner = createJobRunner({
      store,
      clock,
      owner: 'node-1',
      batchSize: 10,
      concurrency: 20,
      onError: (error) => {
        throw error;
      },
      handlers: { test: async (j) => void ran.push(j.id) },
    });
    expect(await runner.runDue()).toBe(40);
    expect(new Set(ran).size).toBe(40);
    // 40 jobs, 10 a claim: four claims that found work, and at most two that found none (the last
    // of them deleting the last finished jobs) — not one claim or one delete per job.
    expect(calls.claimDueJobs).toBeGreaterThanOrEqual(4);
    expect(calls.claimDueJobs).toBeLessThanOrEqual(6);
    expect(calls.completeJob ?? 0).toBe(0);
    expect(calls.completeJobs).toBeLessThanOrEqual(5);
    expect(await store.nextDueAt(clock.now())).toBeUndefined();
  });

  it('runs the jobs of different incidents side by side, those of one incident in due order', async () => {
    const clock = createManualClock(T0);
    const { store } = await countingStore(clock);
    await store.upsertJob(job('x-step', 'incident-x', T0));
    await store.upsertJob(job('x-send', 'incident-x', after(1)));
    await store.upsertJob(job('y-step', 'incident-y', after(2)));
    await store.upsertJob(job('loose', null, after(3)));
    clock.advance(10);
    const held = heldHandler();
    const runner = createJobRunner({ store, clock, owner: 'node-1', onError: () => undefined, handlers: { test: held.handler } });
    const running = runner.runDue();
    await flush();
    expect(held.started).toEqual(['x-step', 'y-step', 'loose']);
    held.release('y-step');
    held.release('x-step');
    await flush();
    expect(held.started).toEqual(['x-step', 'y-step', 'loose', 'x-send']);
    held.release('x-send');
    held.release('loose');
    expect(await running).toBe(4);
    expect(await store.nextDueAt(clock.now())).toBeUndefined();
  });

  it('runs a job falling due while a slow job (a hung SMTP server) still runs, at its due time', async () => {
    const clock = createManualClock(T0);
    const { store } = await countingStore(clock);
    await store.upsertJob(job('slow-mail', 'incident-x', T0));
    await store.upsertJob(job('step', 'incident-y', after(5_000)));
    const ran: [string, number][] = [];
    let releaseSlow: () => void = () => {};
    const runner = createJobRunner({
      store,
      clock,
      owner: 'node-1',
      onError: () => undefined,
      handlers: {
        test: (j, now) => {
          ran.push([j.id, now.getTime() - T0.getTime()]);
          return j.id === 'slow-mail' ? new Promise<void>((resolve) => (releaseSlow = resolve)) : Promise.resolve();
        },
      },
    });
    void runner.start();
    await flush();
    expect(ran).toEqual([['slow-mail', 0]]);
    clock.advance(5_000);
    await flush();
    expect(ran).toEqual([['slow-mail', 0], ['step', 5_000]]);
    releaseSlow();
    await runner.stop();
    expect(await store.nextDueAt(clock.now())).toBeUndefined();
  });

  it('frees a hung job\'s slot after the slot timeout, so that one slot is not lost to it', async () => {
    const clock = createManualClock(T0);
    const { store } = await countingStore(clock);
    await store.upsertJob(job('hung', 'incident-x', T0));
    await store.upsertJob(job('next', 'incident-y', T0));
    const errors: string[] = [];
    const held = heldHandler();
    const runner = createJobRunner({
      store,
      clock,
      owner: 'node-1',
      concurrency: 1,
      slotTimeoutMs: 3_000,
      onError: (error) => errors.push((error as Error).message),
      handlers: { test: held.handler },
    });
    void runner.start();
    await flush();
    expect(held.started).toEqual(['hung']);
    clock.advance(3_000);
    await flush();
    expect(held.started).toEqual(['hung', 'next']);
    expect(errors).toEqual(['job hung (test) still runs after 3000 ms; its slot goes to other work']);
    held.release('next');
    held.release('hung');
    await runner.stop();
    // Both finished in the end, so both were deleted.
    expect(await store.claimDueJobs(after(60_000), 10, 'sweeper', 1_000)).toEqual([]);
  });

  it('keeps at most `concurrency` jobs running and claims the rest as slots come free', async () => {
    const clock = createManualClock(T0);
    const { store } = await countingStore(clock);
    for (let i = 0; i < 6; i++) await store.upsertJob(job(`job-${i}`, `incident-${i}`));
    const held = heldHandler();
    const runner = createJobRunner({ store, clock, owner: 'node-1', concurrency: 4, onError: () => undefined, handlers: { test: held.handler } });
    const running = runner.runDue();
    await flush();
    expect(held.started).toHaveLength(4);
    for (const id of [...held.started]) held.release(id);
    await flush();
    expect(held.started).toHaveLength(6);
    for (const id of held.started.slice(4)) held.release(id);
    expect(await running).toBe(6);
  });
});
