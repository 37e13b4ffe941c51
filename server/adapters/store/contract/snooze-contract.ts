import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, iso, makeIncident } from './fixtures.js';

/**
 * Snooze on the store: the incident's snooze time is written, read back exactly and cleared inside a
 * transaction, and its `snooze:<id>` end row is claimed when due and gone once deleted, on both engines.
 */
export function snoozeContract(ctx: ContractContext): void {
  it('writes, reads back and clears an incident\'s snooze time with its end row, in one transaction', async () => {
    const incident = await ctx.store.insertIncident(makeIncident({ id: 'inc-snooze', status: 'acknowledged', acknowledgedAt: iso(10) }));
    expect(incident.snoozedUntil ?? null).toBeNull();
    await ctx.store.transaction(async (tx) => {
      await tx.updateIncident(incident.id, { snoozedUntil: iso(900) });
      await tx.upsertJob({ id: 'snooze:inc-snooze', kind: 'incident.snooze-end', incidentId: incident.id, dueAt: at(900), payload: { until: iso(900) }, attempts: 0 });
    });
    const snoozed = await ctx.store.getIncident(incident.id);
    expect(snoozed).toMatchObject({ status: 'acknowledged', snoozedUntil: iso(900) });
    expect(snoozed!.seq).toBeGreaterThan(incident.seq);

    expect(await ctx.store.claimDueJobs(at(899), 10, 'node-a', 60_000)).toEqual([]);
    const due = await ctx.store.claimDueJobs(at(900), 10, 'node-a', 60_000);
    expect(due.map((j) => [j.id, j.kind, j.incidentId, j.dueAt.toISOString()])).toEqual([['snooze:inc-snooze', 'incident.snooze-end', 'inc-snooze', iso(900)]]);

    await ctx.store.transaction(async (tx) => {
      await tx.deleteJob('snooze:inc-snooze');
      await tx.updateIncident(incident.id, { snoozedUntil: null, status: 'triggered', acknowledgedAt: null });
    });
    const ended = await ctx.store.getIncident(incident.id);
    expect(ended).toMatchObject({ status: 'triggered', acknowledgedAt: null });
    expect(ended!.snoozedUntil ?? null).toBeNull();
    expect(await ctx.store.claimDueJobs(at(10_000), 10, 'node-b', 60_000)).toEqual([]);
  });
}
