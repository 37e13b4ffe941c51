import { expect, it } from 'vitest';
import type { PostmortemRecord } from '../../../app/ports/postmortem-store.js';
import { emptyFields, freshStamps } from '../../../core/postmortem/field-edit.js';
import type { ContractContext } from './context.js';
import { at, iso, makeIncident, makeUser } from './fixtures.js';

/** A post-mortem record covering `incidentIds`, created `seconds` after T0. */
function makePostmortem(id: string, incidentIds: string[], seconds = 0, overrides: Partial<PostmortemRecord> = {}): PostmortemRecord {
  return {
    id,
    incidentIds,
    state: 'due',
    reason: 'every-high',
    dueAt: at(seconds + 432_000),
    fields: emptyFields(),
    stamps: freshStamps(),
    digest: null,
    createdAt: at(seconds),
    updatedAt: at(seconds),
    reviewRequestedBy: null,
    signedOffBy: null,
    signedOffAt: null,
    version: 1,
    ...overrides,
  };
}

/** Post-mortems: one per incident at most, versioned writes, the columns reports read, need-to-know in the list query. */
export function postmortemsContract(ctx: ContractContext): void {
  it('round-trips a post-mortem with its incidents in order, and finds it by any of them', async () => {
    const a = await ctx.store.insertIncident(makeIncident());
    const b = await ctx.store.insertIncident(makeIncident());
    const record = makePostmortem('pm-1', [b.id, a.id]);
    await ctx.store.insertPostmortem(record);
    expect(await ctx.store.getPostmortem('pm-1')).toEqual(record);
    expect(await ctx.store.findPostmortemOfIncident(a.id)).toBe('pm-1');
    expect(await ctx.store.findPostmortemOfIncident(b.id)).toBe('pm-1');
    expect(await ctx.store.findPostmortemOfIncident('none')).toBeUndefined();
    expect(await ctx.store.getPostmortem('none')).toBeUndefined();
  });

  it('puts an incident in one post-mortem at most, leaving the transaction usable after the refusal', async () => {
    const a = await ctx.store.insertIncident(makeIncident());
    const b = await ctx.store.insertIncident(makeIncident());
    await ctx.store.insertPostmortem(makePostmortem('pm-1', [a.id]));
    await expect(ctx.store.insertPostmortem(makePostmortem('pm-2', [b.id, a.id]))).rejects.toMatchObject({ name: 'StoreConflictError' });
    await ctx.store.transaction(async (tx) => {
      await expect(tx.insertPostmortem(makePostmortem('pm-2', [b.id, a.id]))).rejects.toMatchObject({ name: 'StoreConflictError' });
      await tx.insertPostmortem(makePostmortem('pm-3', [b.id]));
    });
    expect(await ctx.store.getPostmortem('pm-2')).toBeUndefined();
    expect(await ctx.store.findPostmortemOfIncident(b.id)).toBe('pm-3');
  });

  it('writes over the version it read only, action items included', async () => {
    const a = await ctx.store.insertIncident(makeIncident());
    const record = makePostmortem('pm-1', [a.id]);
    await ctx.store.insertPostmortem(record);
    const fields = {
      ...emptyFields(),
      questions: { ...emptyFields().questions, trigger: 'could_have_waited' as const },
      actionItems: [
        { id: 'ai-1', title: 'Raise the threshold', owner: 'bob', dueDate: '2030-02-01', state: 'open' as const, link: { kind: 'priority-rule' as const, ref: 'db#1' } },
        { id: 'ai-2', title: 'Write the runbook', owner: null, dueDate: null, state: 'done' as const, link: null },
      ],
    };
    const next = { ...record, state: 'draft' as const, fields, updatedAt: at(60), version: 2 };
    expect(await ctx.store.updatePostmortem(next, 1)).toBe(true);
    expect(await ctx.store.updatePostmortem({ ...next, version: 3, state: 'in_review' }, 1)).toBe(false);
    expect(await ctx.store.getPostmortem('pm-1')).toEqual(next);
    expect(await ctx.store.updatePostmortem({ ...next, fields: { ...fields, actionItems: [fields.actionItems[1]!] }, version: 3 }, 2)).toBe(true);
    expect((await ctx.store.getPostmortem('pm-1'))?.fields.actionItems.map((i) => i.id)).toEqual(['ai-2']);
    // A frozen digest and the sign-off round-trip too.
    const signed = { ...next, state: 'signed_off' as const, signedOffBy: 'ann', signedOffAt: at(90), reviewRequestedBy: 'bob', version: 4 };
    expect(await ctx.store.updatePostmortem(signed, 3)).toBe(true);
    expect(await ctx.store.getPostmortem('pm-1')).toEqual(signed);
  });

  it('lists newest first by state, leaving out confidential ones the person is not listed on before the limit', async () => {
    for (const id of ['ann', 'bob', 'cara']) await ctx.store.upsertUser(makeUser({ id, email: `${id}@example.com` }));
    const open = await ctx.store.insertIncident(makeIncident());
    const secret = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    const known = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    const grouped = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    await ctx.store.addNeedToKnow({ incidentId: known.id, userId: 'bob', addedBy: 'ann', addedAt: at(0) });
    await ctx.store.addNeedToKnow({ incidentId: grouped.id, userId: 'cara', addedBy: 'ann', addedAt: at(0) });
    await ctx.store.insertPostmortem(makePostmortem('pm-open', [open.id], 10));
    await ctx.store.insertPostmortem(makePostmortem('pm-secret', [secret.id], 20, { state: 'draft' }));
    await ctx.store.insertPostmortem(makePostmortem('pm-known', [known.id], 30, { state: 'in_review' }));
    // Bob is on the list of the first incident only: the group stays hidden from him.
    const extra = await ctx.store.insertIncident(makeIncident());
    await ctx.store.insertPostmortem(makePostmortem('pm-group', [extra.id, grouped.id], 40));

    const ids = async (filter: Parameters<typeof ctx.store.listPostmortems>[0]) => (await ctx.store.listPostmortems(filter)).map((p) => p.id);
    expect(await ids({ limit: 10 })).toEqual(['pm-group', 'pm-known', 'pm-secret', 'pm-open']);
    expect(await ids({ limit: 10, visibleTo: 'bob' })).toEqual(['pm-known', 'pm-open']);
    expect(await ids({ limit: 1, visibleTo: 'bob' })).toEqual(['pm-known']);
    expect(await ids({ limit: 10, visibleTo: 'cara' })).toEqual(['pm-group', 'pm-open']);
    expect(await ids({ limit: 10, states: ['due', 'in_review'], visibleTo: 'bob' })).toEqual(['pm-known', 'pm-open']);
    expect(await ids({ limit: 10, states: [] })).toEqual([]);
    expect((await ctx.store.listPostmortems({ limit: 10, states: ['due'] }))[0]?.incidentIds).toEqual([extra.id, grouped.id]);
  });

  it('keeps comments in the order they were written', async () => {
    const a = await ctx.store.insertIncident(makeIncident());
    await ctx.store.insertPostmortem(makePostmortem('pm-1', [a.id]));
    await ctx.store.addPostmortemComment('pm-1', { id: 'c2', authorId: 'cara', at: iso(120), body: 'second' });
    await ctx.store.addPostmortemComment('pm-1', { id: 'c1', authorId: 'bob', at: iso(60), body: 'first' });
    expect(await ctx.store.listPostmortemComments('pm-1')).toEqual([
      { id: 'c1', authorId: 'bob', at: iso(60), body: 'first' },
      { id: 'c2', authorId: 'cara', at: iso(120), body: 'second' },
    ]);
    expect(await ctx.store.listPostmortemComments('pm-none')).toEqual([]);
  });
}
