import { expect, it } from 'vitest';
import { StoreConflictError } from '../store-errors.js';
import type { ContractContext } from './context.js';
import { at, makeAlert, makeEvent, makeIncident, makeJob, makeTeam, makeUser } from './fixtures.js';

/** Transactions, settings, ping, and data surviving close + reopen. */
export function lifecycleContract(ctx: ContractContext): void {
  it('commits the writes of a transaction together and returns its result', async () => {
    const draft = makeIncident();
    const result = await ctx.store.transaction(async (tx) => {
      const incident = await tx.insertIncident(draft);
      await tx.insertAlert(makeAlert(incident.id));
      await tx.appendTimeline(makeEvent(incident.id));
      // A transaction reads its own writes.
      expect((await tx.getIncident(incident.id))?.seq).toBe(incident.seq);
      return incident.seq;
    });
    expect(result).toBe(await ctx.store.currentSeq());
    expect(await ctx.store.listAlerts(draft.id, 10)).toHaveLength(1);
    expect(await ctx.store.listTimeline(draft.id)).toHaveLength(1);
  });

  it('writes nothing when a transaction throws, and rethrows the error', async () => {
    const seq = await ctx.store.currentSeq();
    const draft = makeIncident();
    const job = makeJob(0);
    const boom = new Error('boom');
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.insertIncident(draft);
        await tx.insertAlert(makeAlert(draft.id));
        await tx.appendTimeline(makeEvent(draft.id));
        await tx.upsertJob(job);
        await tx.setSetting('vapid', 'secret');
        await tx.upsertUser(makeUser());
        await tx.upsertTeam(makeTeam());
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(await ctx.store.getIncident(draft.id)).toBeUndefined();
    expect(await ctx.store.currentSeq()).toBe(seq);
    expect(await ctx.store.listTimeline(draft.id)).toEqual([]);
    expect(await ctx.store.claimDueJobs(at(10), 10, 'relay-a', 1000)).toEqual([]);
    expect(await ctx.store.getSetting('vapid')).toBeUndefined();
    expect(await ctx.store.countUsers()).toBe(0);
    expect(await ctx.store.listTeams()).toEqual([]);
  });

  it('rolls back earlier writes when a later statement of the transaction fails', async () => {
    const open = makeIncident({ dedupKey: 'same' });
    await ctx.store.insertIncident(open);
    const seq = await ctx.store.currentSeq();
    const first = makeIncident();
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.insertIncident(first);
        await tx.insertIncident(makeIncident({ dedupKey: 'same' }));
      }),
    ).rejects.toThrow();
    expect(await ctx.store.getIncident(first.id)).toBeUndefined();
    expect(await ctx.store.currentSeq()).toBe(seq);
  });

  it('reports a dedup conflict inside a transaction and lets the transaction go on', async () => {
    const winner = await ctx.store.insertIncident(makeIncident({ dedupKey: 'race' }));
    const folded = await ctx.store.transaction(async (tx) => {
      const error = await tx.insertIncident(makeIncident({ dedupKey: 'race' })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreConflictError);
      // The loser folds its alert into the incident that won instead.
      const open = await tx.findOpenIncident(winner.serviceId, 'race');
      await tx.insertAlert(makeAlert(open!.id));
      return tx.updateIncident(open!.id, { alertCount: 2 });
    });
    expect(folded).toEqual({ ...winner, alertCount: 2, seq: await ctx.store.currentSeq() });
    expect(await ctx.store.listAlerts(winner.id, 10)).toHaveLength(1);
    const outside = ctx.store.insertIncident(makeIncident({ dedupKey: 'race' }));
    await expect(outside).rejects.toBeInstanceOf(StoreConflictError);
  });

  it('gives concurrent transactions distinct sequence numbers', async () => {
    const seqs = await Promise.all(
      Array.from({ length: 10 }, () =>
        ctx.store.transaction(async (tx) => {
          const incident = await tx.insertIncident(makeIncident());
          return (await tx.updateIncident(incident.id, { alertCount: 2 }))!.seq;
        }),
      ),
    );
    expect(new Set(seqs).size).toBe(10);
    expect(Math.max(...seqs)).toBe(await ctx.store.currentSeq());
  });

  it('keeps settings and replaces a value', async () => {
    expect(await ctx.store.getSetting('vapid.public')).toBeUndefined();
    await ctx.store.setSetting('vapid.public', 'BOr1');
    await ctx.store.setSetting('other', '');
    await ctx.store.setSetting('vapid.public', 'BOr2');
    expect(await ctx.store.getSetting('vapid.public')).toBe('BOr2');
    expect(await ctx.store.getSetting('other')).toBe('');
  });

  it('answers a ping, and closes once however often it is asked', async () => {
    await expect(ctx.store.ping()).resolves.toBeUndefined();
    await ctx.store.close();
    await expect(ctx.store.close()).resolves.toBeUndefined();
  });

  it('keeps everything across close and reopen, without re-running migrations', async ({ skip }) => {
    if (!ctx.reopen) return skip('the engine cannot open its database twice');
    const user = makeUser();
    await ctx.store.upsertUser(user);
    const incident = await ctx.store.insertIncident(makeIncident());
    const alert = makeAlert(incident.id);
    await ctx.store.insertAlert(alert);
    const job = makeJob(0, { incidentId: incident.id });
    await ctx.store.upsertJob(job);
    await ctx.store.setSetting('k', 'v');
    await ctx.store.close();

    ctx.store = await ctx.reopen();
    expect(await ctx.store.getUser(user.id)).toEqual(user);
    expect(await ctx.store.getIncident(incident.id)).toEqual(incident);
    expect(await ctx.store.listAlerts(incident.id, 10)).toEqual([alert]);
    expect(await ctx.store.getSetting('k')).toBe('v');
    expect(await ctx.store.currentSeq()).toBe(incident.seq);
    expect(await ctx.store.claimDueJobs(at(0), 10, 'relay-a', 1000)).toEqual([{ ...job, attempts: 1 }]);
    // The counter carries on where it stopped.
    expect((await ctx.store.insertIncident(makeIncident())).seq).toBe(incident.seq + 1);
  });
}
