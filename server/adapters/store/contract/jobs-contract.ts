import { expect, it } from 'vitest';
import type { JobRecord, Store } from '../../../app/ports/store.js';
import type { ContractContext } from './context.js';
import { at, makeIncident, makeJob } from './fixtures.js';

const LEASE = 30_000;

const ids = (jobs: JobRecord[]) => jobs.map((job) => job.id);

/** Claims the due jobs of several claimers at once and checks no job went to two of them. */
async function claimConcurrently(claimers: Store[], total: number): Promise<void> {
  const batches = await Promise.all(
    claimers.flatMap((store, n) =>
      [0, 1, 2].map((k) => store.claimDueJobs(at(100), 7, `relay-${n}-${k}`, LEASE)),
    ),
  );
  const claimed = batches.flatMap(ids);
  expect(new Set(claimed).size).toBe(claimed.length);
  // Whatever SKIP LOCKED passed over is still there for the next claim, and nothing twice.
  const rest = ids(await claimers[0]!.claimDueJobs(at(100), total, 'sweeper', LEASE));
  expect(new Set([...claimed, ...rest]).size).toBe(claimed.length + rest.length);
  expect(claimed.length + rest.length).toBe(total);
}

/** Due jobs: upserts, claiming with leases, concurrency and the next wake-up time. */
export function jobsContract(ctx: ContractContext): void {
  it('claims a due job, returning it with one more attempt', async () => {
    const incident = await ctx.store.insertIncident(makeIncident());
    const job = makeJob(10, { incidentId: incident.id, attempts: 2, payload: { pageId: 'p1', nested: { a: [1] } } });
    await ctx.store.upsertJob(job);
    expect(await ctx.store.claimDueJobs(at(10), 10, 'relay-a', LEASE)).toEqual([{ ...job, attempts: 3 }]);
  });

  it('claims only jobs due at or before now, earliest first, at most limit', async () => {
    const jobs = [makeJob(30), makeJob(10), makeJob(20), makeJob(40), makeJob(41)];
    for (const job of jobs) await ctx.store.upsertJob(job);
    expect(ids(await ctx.store.claimDueJobs(at(40), 2, 'relay-a', LEASE))).toEqual([jobs[1]!.id, jobs[2]!.id]);
    expect(ids(await ctx.store.claimDueJobs(at(40), 10, 'relay-a', LEASE))).toEqual([jobs[0]!.id, jobs[3]!.id]);
    expect(await ctx.store.claimDueJobs(at(40), 10, 'relay-a', LEASE)).toEqual([]);
    expect(await ctx.store.claimDueJobs(at(100), 0, 'relay-a', LEASE)).toEqual([]);
  });

  it('does not claim a claimed job again until its lease runs out', async () => {
    const job = makeJob(0);
    await ctx.store.upsertJob(job);
    expect(ids(await ctx.store.claimDueJobs(at(1), 10, 'relay-a', LEASE))).toEqual([job.id]);
    expect(await ctx.store.claimDueJobs(at(2), 10, 'relay-b', LEASE)).toEqual([]);
    expect(await ctx.store.claimDueJobs(new Date(at(1).getTime() + LEASE - 1), 10, 'relay-b', LEASE)).toEqual([]);
    const again = await ctx.store.claimDueJobs(new Date(at(1).getTime() + LEASE), 10, 'relay-b', LEASE);
    expect(again).toEqual([{ ...job, attempts: 2 }]);
  });

  it('replaces a job on upsert, which also ends its lease', async () => {
    const job = makeJob(0);
    await ctx.store.upsertJob(job);
    await ctx.store.claimDueJobs(at(0), 10, 'relay-a', LEASE);
    const moved = { ...job, kind: 'page.repeat', dueAt: at(5), payload: { attempt: 2 }, attempts: 1 };
    await ctx.store.upsertJob(moved);
    expect(await ctx.store.claimDueJobs(at(4), 10, 'relay-a', LEASE)).toEqual([]);
    expect(await ctx.store.claimDueJobs(at(5), 10, 'relay-a', LEASE)).toEqual([{ ...moved, attempts: 2 }]);
  });

  it('deletes one job, or the jobs of an incident (of one kind or all)', async () => {
    const a = await ctx.store.insertIncident(makeIncident());
    const b = await ctx.store.insertIncident(makeIncident());
    const step = makeJob(0, { incidentId: a.id, kind: 'escalation.step' });
    const repeat = makeJob(1, { incidentId: a.id, kind: 'page.repeat' });
    const release = makeJob(2, { incidentId: a.id, kind: 'incident.release' });
    const others = makeJob(3, { incidentId: b.id, kind: 'page.repeat' });
    const loose = makeJob(4);
    for (const job of [step, repeat, release, others, loose]) await ctx.store.upsertJob(job);
    await ctx.store.deleteJob(loose.id);
    await ctx.store.deleteJobsOfIncident(a.id, 'page.repeat');
    expect(ids(await ctx.store.claimDueJobs(at(10), 10, 'x', 1))).toEqual([step.id, release.id, others.id]);
    await ctx.store.deleteJobsOfIncident(a.id);
    expect(ids(await ctx.store.claimDueJobs(at(20), 10, 'x', 1))).toEqual([others.id]);
  });

  it('completes a job only while the relay that claimed it still holds its lease', async () => {
    const done = makeJob(0);
    const rescheduled = makeJob(1);
    const reclaimed = makeJob(2);
    const unclaimed = makeJob(50);
    for (const job of [done, rescheduled, reclaimed, unclaimed]) await ctx.store.upsertJob(job);
    expect(ids(await ctx.store.claimDueJobs(at(2), 10, 'relay-a', LEASE))).toEqual([done.id, rescheduled.id, reclaimed.id]);

    expect(await ctx.store.completeJob(done.id, 'relay-a')).toBe(true);
    expect(await ctx.store.completeJob(done.id, 'relay-a')).toBe(false);
    // The handler re-scheduled its own job under the same id: the new one stays.
    const next = { ...rescheduled, dueAt: at(60), payload: { attempt: 2 } };
    await ctx.store.transaction(async (tx) => {
      await tx.upsertJob(next);
      expect(await tx.completeJob(rescheduled.id, 'relay-a')).toBe(false);
    });
    // Another relay's lease, and a job nobody claimed, are not the claimer's to complete.
    expect(await ctx.store.completeJob(reclaimed.id, 'relay-b')).toBe(false);
    expect(await ctx.store.completeJob(unclaimed.id, 'relay-a')).toBe(false);
    expect(await ctx.store.completeJob('no-such-job', 'relay-a')).toBe(false);

    // relay-a's lease runs out (say it hung) and relay-b claims the job again.
    const expired = new Date(at(2).getTime() + LEASE);
    expect(ids(await ctx.store.claimDueJobs(expired, 10, 'relay-b', LEASE))).toEqual([reclaimed.id]);
    expect(await ctx.store.completeJob(reclaimed.id, 'relay-a')).toBe(false);
    expect(await ctx.store.completeJob(reclaimed.id, 'relay-b')).toBe(true);

    const rest = await ctx.store.claimDueJobs(at(100), 10, 'sweeper', LEASE);
    expect(rest).toEqual([{ ...unclaimed, attempts: 1 }, { ...next, attempts: 1 }]);
  });

  it('never hands one job to two concurrent claims (50 jobs)', async () => {
    for (let n = 0; n < 50; n++) await ctx.store.upsertJob(makeJob(n % 7));
    await claimConcurrently([ctx.store], 50);
  });

  it('never hands one job to two relays on one database (50 jobs)', async ({ skip }) => {
    if (!ctx.reopen) return skip('the engine cannot open its database twice');
    for (let n = 0; n < 50; n++) await ctx.store.upsertJob(makeJob(n % 5));
    const second = await ctx.reopen();
    try {
      await claimConcurrently([ctx.store, second], 50);
    } finally {
      await second.close();
    }
  });

  it('answers the next due time: earliest unleased job, or when a lease runs out', async () => {
    expect(await ctx.store.nextDueAt(at(0))).toBeUndefined();
    const early = makeJob(10);
    await ctx.store.upsertJob(early);
    await ctx.store.upsertJob(makeJob(50));
    expect(await ctx.store.nextDueAt(at(0))).toEqual(at(10));
    // Overdue jobs count too: the relay should run them now.
    expect(await ctx.store.nextDueAt(at(20))).toEqual(at(10));
    await ctx.store.claimDueJobs(at(20), 1, 'relay-a', 10_000);
    // Leased until 30 s: the earliest time anything becomes claimable is the lease's end.
    expect(await ctx.store.nextDueAt(at(20))).toEqual(at(30));
    // Once the lease has run out (a crashed relay), the job is due again.
    expect(await ctx.store.nextDueAt(at(35))).toEqual(at(10));
    await ctx.store.claimDueJobs(at(35), 1, 'relay-b', 60_000);
    // Leased until 95 s: the other job, due at 50 s, comes first.
    expect(await ctx.store.nextDueAt(at(35))).toEqual(at(50));
    await ctx.store.deleteJob(early.id);
    expect(await ctx.store.nextDueAt(at(35))).toEqual(at(50));
  });
}
