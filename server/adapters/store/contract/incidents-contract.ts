import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, iso, makeIncident } from './fixtures.js';

/** Incidents: round trips, dedup, sequence numbers and listings. */
export function incidentsContract(ctx: ContractContext): void {
  it('inserts an incident with the next sequence number and reads it back equal', async () => {
    const before = await ctx.store.currentSeq();
    const draft = makeIncident({
      confidential: true,
      triageVerdict: 'confirmed',
      triageAssignee: 'bob',
      forensicAssignee: 'carol',
      externalRef: 'CW-1234',
      deferredUntil: iso(3600),
      escalation: 'deferred',
      priority: 'medium',
      links: [],
    });
    const stored = await ctx.store.insertIncident(draft);
    expect(stored).toEqual({ ...draft, seq: before + 1 });
    expect(await ctx.store.getIncident(draft.id)).toEqual(stored);
    expect(await ctx.store.currentSeq()).toBe(before + 1);
    expect(await ctx.store.getIncident('nope')).toBeUndefined();
  });

  it('keeps instants exactly as given, with any offset', async () => {
    const draft = makeIncident({ firstSeenAt: '2030-01-01T02:00:00+02:00', lastSeenAt: '2030-01-01T00:00:05.123Z' });
    await ctx.store.insertIncident(draft);
    const stored = await ctx.store.getIncident(draft.id);
    expect(stored?.firstSeenAt).toBe('2030-01-01T02:00:00+02:00');
    expect(stored?.lastSeenAt).toBe('2030-01-01T00:00:05.123Z');
  });

  it('raises the sequence number strictly on every insert and update', async () => {
    const seqs: number[] = [];
    const first = await ctx.store.insertIncident(makeIncident());
    seqs.push(first.seq);
    const second = await ctx.store.insertIncident(makeIncident());
    seqs.push(second.seq);
    seqs.push((await ctx.store.updateIncident(first.id, { alertCount: 2 }))!.seq);
    seqs.push((await ctx.store.updateIncident(second.id, {}))!.seq);
    seqs.push((await ctx.store.updateIncident(first.id, { status: 'acknowledged' }))!.seq);
    for (let i = 1; i < seqs.length; i++) expect(seqs[i]).toBeGreaterThan(seqs[i - 1]!);
    expect(await ctx.store.currentSeq()).toBe(seqs.at(-1));
    expect((await ctx.store.getIncident(first.id))?.seq).toBe(seqs.at(-1));
  });

  it('changes only the patched fields on update', async () => {
    const draft = makeIncident();
    await ctx.store.insertIncident(draft);
    const updated = await ctx.store.updateIncident(draft.id, {
      status: 'acknowledged',
      acknowledgedAt: iso(30),
      confidential: true,
      links: [{ href: 'https://ticket/1' }],
      triageVerdict: 'false_positive',
      alertCount: 3,
      lastSeenAt: iso(20),
    });
    expect(updated).toEqual({
      ...draft,
      status: 'acknowledged',
      acknowledgedAt: iso(30),
      confidential: true,
      links: [{ href: 'https://ticket/1' }],
      triageVerdict: 'false_positive',
      alertCount: 3,
      lastSeenAt: iso(20),
      seq: updated!.seq,
    });
    expect(await ctx.store.getIncident(draft.id)).toEqual(updated);
    const cleared = await ctx.store.updateIncident(draft.id, { triageVerdict: null, acknowledgedAt: null });
    expect(cleared?.triageVerdict).toBeNull();
    expect(cleared?.acknowledgedAt).toBeNull();
    expect(cleared?.confidential).toBe(true);
  });

  it('answers undefined when updating an unknown incident, without using a sequence number', async () => {
    await ctx.store.insertIncident(makeIncident());
    const before = await ctx.store.currentSeq();
    expect(await ctx.store.updateIncident('nope', { status: 'resolved' })).toBeUndefined();
    expect(await ctx.store.currentSeq()).toBe(before);
  });

  it('finds the open incident of a service and dedup key, ignoring resolved ones', async () => {
    const draft = makeIncident({ dedupKey: 'disk-full' });
    await ctx.store.insertIncident(draft);
    expect((await ctx.store.findOpenIncident('core-network', 'disk-full'))?.id).toBe(draft.id);
    expect(await ctx.store.findOpenIncident('other-service', 'disk-full')).toBeUndefined();
    expect(await ctx.store.findOpenIncident('core-network', 'other-key')).toBeUndefined();
    await ctx.store.updateIncident(draft.id, { status: 'acknowledged' });
    expect((await ctx.store.findOpenIncident('core-network', 'disk-full'))?.id).toBe(draft.id);
    await ctx.store.updateIncident(draft.id, { status: 'resolved', resolvedAt: iso(60) });
    expect(await ctx.store.findOpenIncident('core-network', 'disk-full')).toBeUndefined();
  });

  it('accepts a new incident with the dedup key of a resolved one, but not of an open one', async () => {
    const first = makeIncident({ dedupKey: 'disk-full' });
    await ctx.store.insertIncident(first);
    await expect(ctx.store.insertIncident(makeIncident({ dedupKey: 'disk-full' }))).rejects.toThrow();
    // The same key on another service is a different incident.
    await ctx.store.insertIncident(makeIncident({ dedupKey: 'disk-full', serviceId: 'mail' }));
    await ctx.store.updateIncident(first.id, { status: 'resolved', resolvedAt: iso(60) });
    const second = makeIncident({ dedupKey: 'disk-full' }, 120);
    await ctx.store.insertIncident(second);
    expect((await ctx.store.findOpenIncident('core-network', 'disk-full'))?.id).toBe(second.id);
    // Reopening the resolved one now would make two open incidents with one key.
    await expect(ctx.store.updateIncident(first.id, { status: 'triggered' })).rejects.toThrow();
  });

  it('lists open incidents oldest first', async () => {
    const late = makeIncident({}, 300);
    const early = makeIncident({}, 10);
    const middle = makeIncident({}, 100);
    const resolved = makeIncident({ status: 'resolved', resolvedAt: iso(5) }, 0);
    for (const draft of [late, early, resolved, middle]) await ctx.store.insertIncident(draft);
    await ctx.store.updateIncident(middle.id, { status: 'acknowledged' });
    expect((await ctx.store.listOpenIncidents()).map((i) => i.id)).toEqual([early.id, middle.id, late.id]);
  });

  it('lists incidents newest change first, filtered by status and time, at most limit', async () => {
    const a = makeIncident({}, 0);
    const b = makeIncident({}, 100);
    const c = makeIncident({}, 200);
    for (const draft of [a, b, c]) await ctx.store.insertIncident(draft);
    await ctx.store.updateIncident(a.id, { status: 'resolved', resolvedAt: iso(500) });
    const ids = async (filter: Parameters<typeof ctx.store.listIncidents>[0]) =>
      (await ctx.store.listIncidents(filter)).map((i) => i.id);
    expect(await ids({ limit: 10 })).toEqual([a.id, c.id, b.id]);
    expect(await ids({ limit: 2 })).toEqual([a.id, c.id]);
    expect(await ids({ status: 'triggered', limit: 10 })).toEqual([c.id, b.id]);
    expect(await ids({ status: 'resolved', limit: 10 })).toEqual([a.id]);
    expect(await ids({ since: at(100), limit: 10 })).toEqual([a.id, c.id, b.id]);
    expect(await ids({ since: at(150), limit: 10 })).toEqual([a.id, c.id]);
    expect(await ids({ since: at(150), status: 'triggered', limit: 10 })).toEqual([c.id]);
    expect(await ids({ since: at(1000), limit: 10 })).toEqual([]);
    expect(await ids({ limit: 0 })).toEqual([]);
  });
}
