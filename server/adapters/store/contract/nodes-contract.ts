import { expect, it } from 'vitest';
import type { JobRecord } from '../../../app/ports/store.js';
import type { ContractContext } from './context.js';
import { at, makeJob } from './fixtures.js';

const LEASE = 30_000;
const ids = (jobs: JobRecord[]) => jobs.map((job) => job.id);

/** Relay nodes: a stable name, heartbeats that vouch for leases, and releasing a dead run's leases. */
export function nodesContract(ctx: ContractContext): void {
  it('keeps the first stable node name it is given', async () => {
    expect(await ctx.store.stableNodeId('node-a')).toBe('node-a');
    expect(await ctx.store.stableNodeId('node-b')).toBe('node-a');
  });

  it('lets any node claim the jobs of a node whose heartbeat ran out, long before the lease does', async () => {
    const job = makeJob(0);
    await ctx.store.upsertJob(job);
    await ctx.store.heartbeat('node-a', at(5));
    expect(ids(await ctx.store.claimDueJobs(at(1), 10, 'node-a', LEASE))).toEqual([job.id]);
    // node-a is alive until 5 s: its lease holds.
    expect(await ctx.store.claimDueJobs(at(4), 10, 'node-b', LEASE)).toEqual([]);
    expect(await ctx.store.nextDueAt(at(4))).toEqual(at(5));
    // A newer heartbeat vouches for it longer.
    await ctx.store.heartbeat('node-a', at(8));
    expect(await ctx.store.claimDueJobs(at(6), 10, 'node-b', LEASE)).toEqual([]);
    // Its heartbeat has run out (it died): the job is claimable at 8 s, not at 31 s.
    expect(await ctx.store.nextDueAt(at(7))).toEqual(at(8));
    expect(await ctx.store.nextDueAt(at(8))).toEqual(at(0));
    expect(ids(await ctx.store.claimDueJobs(at(8), 10, 'node-b', LEASE))).toEqual([job.id]);
    expect(await ctx.store.completeJob(job.id, 'node-a')).toBe(false);
    expect(await ctx.store.completeJob(job.id, 'node-b')).toBe(true);
  });

  it('keeps the lease of an owner that never sent a heartbeat until the lease runs out', async () => {
    const job = makeJob(0);
    await ctx.store.upsertJob(job);
    await ctx.store.heartbeat('node-a', at(1));
    await ctx.store.claimDueJobs(at(0), 10, 'legacy-owner', LEASE);
    expect(await ctx.store.claimDueJobs(at(10), 10, 'node-a', LEASE)).toEqual([]);
    expect(ids(await ctx.store.claimDueJobs(new Date(at(0).getTime() + LEASE), 10, 'node-a', LEASE))).toEqual([job.id]);
  });

  it('releases the leases of one node only, leaving those jobs claimable at once', async () => {
    const mine = makeJob(0);
    const theirs = makeJob(0);
    await ctx.store.upsertJob(mine);
    await ctx.store.claimDueJobs(at(0), 1, 'node-a', LEASE);
    await ctx.store.upsertJob(theirs);
    await ctx.store.claimDueJobs(at(0), 1, 'node-b', LEASE);
    expect(await ctx.store.releaseLeases('node-a')).toBe(1);
    expect(await ctx.store.releaseLeases('node-a')).toBe(0);
    expect(ids(await ctx.store.claimDueJobs(at(1), 10, 'node-a', LEASE))).toEqual([mine.id]);
  });

  it('forgets a node that stopped cleanly, and prunes nodes dead for an hour', async () => {
    const job = makeJob(0);
    await ctx.store.upsertJob(job);
    await ctx.store.heartbeat('node-a', at(5));
    await ctx.store.claimDueJobs(at(0), 1, 'node-a', LEASE);
    await ctx.store.forgetNode('node-a');
    // Forgotten, its lease counts as a plain lease again (a clean stop completes its jobs first).
    expect(await ctx.store.claimDueJobs(at(10), 10, 'node-b', LEASE)).toEqual([]);
    await ctx.store.heartbeat('node-c', at(5));
    await ctx.store.heartbeat('node-d', at(5 + 3601));
    await ctx.store.upsertJob(job);
    await ctx.store.claimDueJobs(at(0), 1, 'node-c', LEASE);
    // node-c was pruned by node-d's heartbeat: its job waits for the lease like any other.
    expect(await ctx.store.claimDueJobs(at(10), 10, 'node-b', LEASE)).toEqual([]);
  });
}
