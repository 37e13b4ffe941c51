import { expect, it } from 'vitest';
import type { JobRecord } from '../../../app/ports/store.js';
import type { ContractContext } from './context.js';
import { at, makeJob } from './fixtures.js';

const LEASE = 30_000;
const ids = (jobs: JobRecord[]) => jobs.map((job) => job.id).sort();

/** The job runner's batches: many jobs claimed in one statement, finished ones deleted in one. */
export function jobBatchesContract(ctx: ContractContext): void {
  it('claims a batch of 300 due jobs in one call, each once, earliest first', async () => {
    const jobs = Array.from({ length: 300 }, (_, n) => makeJob(n % 30));
    for (const job of jobs) await ctx.store.upsertJob(job);
    const first = await ctx.store.claimDueJobs(at(29), 250, 'relay-a', LEASE);
    expect(first).toHaveLength(250);
    expect(first.map((job) => job.dueAt.getTime())).toEqual([...first.map((job) => job.dueAt.getTime())].sort((a, b) => a - b));
    const rest = await ctx.store.claimDueJobs(at(29), 250, 'relay-a', LEASE);
    expect(ids([...first, ...rest])).toEqual(ids(jobs));
  });

  it('deletes the finished jobs of a batch in one call, only those the owner still holds', async () => {
    const mine = Array.from({ length: 620 }, () => makeJob(0));
    const theirs = makeJob(0);
    const unclaimed = makeJob(50);
    for (const job of mine) await ctx.store.upsertJob(job);
    expect(await ctx.store.claimDueJobs(at(1), 1000, 'relay-a', LEASE)).toHaveLength(620);
    await ctx.store.upsertJob(theirs);
    await ctx.store.claimDueJobs(at(1), 10, 'relay-b', 1_000_000);
    await ctx.store.upsertJob(unclaimed);
    // A job its handler scheduled again under the same id is no longer leased: it stays.
    const rescheduled = { ...mine[7]!, dueAt: at(40), attempts: 0 };
    await ctx.store.upsertJob(rescheduled);

    const finished = [...mine, theirs, unclaimed].map((job) => job.id).concat('no-such-job');
    expect(await ctx.store.completeJobs(finished, 'relay-a')).toBe(619);
    expect(await ctx.store.completeJobs([], 'relay-a')).toBe(0);
    const left = await ctx.store.claimDueJobs(at(100), 1000, 'sweeper', 1);
    expect(ids(left)).toEqual(ids([rescheduled, unclaimed]));
    // relay-b's job is still leased to relay-b.
    expect(await ctx.store.completeJobs([theirs.id], 'relay-b')).toBe(1);
  });

  it('deletes finished jobs inside a transaction with the next claim', async () => {
    const done = makeJob(0);
    const next = makeJob(5);
    await ctx.store.upsertJob(done);
    await ctx.store.upsertJob(next);
    await ctx.store.claimDueJobs(at(0), 10, 'relay-a', LEASE);
    const claimed = await ctx.store.transaction(async (tx) => {
      expect(await tx.completeJobs([done.id], 'relay-a')).toBe(1);
      return tx.claimDueJobs(at(5), 10, 'relay-a', LEASE);
    });
    expect(ids(claimed)).toEqual([next.id]);
    expect(await ctx.store.nextDueAt(at(5))).toEqual(at(35));
  });

  it('never takes a claimer\'s own leased jobs for a dead node\'s, whatever its last heartbeat says', async () => {
    const job = makeJob(0);
    await ctx.store.upsertJob(job);
    await ctx.store.heartbeat('node-a', at(2));
    expect(ids(await ctx.store.claimDueJobs(at(1), 10, 'node-a', LEASE))).toEqual([job.id]);
    // node-a's heartbeat is late (a busy database) but node-a is the one claiming: its job stays in hand.
    expect(await ctx.store.claimDueJobs(at(10), 10, 'node-a', LEASE)).toEqual([]);
    // To any other node, node-a is dead.
    expect(ids(await ctx.store.claimDueJobs(at(10), 10, 'node-b', LEASE))).toEqual([job.id]);
  });
}
