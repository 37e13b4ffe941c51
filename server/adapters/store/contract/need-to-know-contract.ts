import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, makeIncident, makeUser } from './fixtures.js';

/** The need-to-know lists of confidential incidents. */
export function needToKnowContract(ctx: ContractContext): void {
  const setUp = async () => {
    for (const id of ['bob', 'cara', 'dan']) await ctx.store.upsertUser(makeUser({ id, email: `${id}@example.com` }));
    const first = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    const second = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    return { first, second };
  };

  it('keeps each incident its own list, in the order people were added, and adds a person once', async () => {
    const { first, second } = await setUp();
    expect(await ctx.store.addNeedToKnow({ incidentId: first.id, userId: 'cara', addedBy: 'ann', addedAt: at(20) })).toBe(true);
    expect(await ctx.store.addNeedToKnow({ incidentId: first.id, userId: 'bob', addedBy: 'ann', addedAt: at(10) })).toBe(true);
    expect(await ctx.store.addNeedToKnow({ incidentId: first.id, userId: 'bob', addedBy: 'zed', addedAt: at(30) })).toBe(false);
    expect(await ctx.store.addNeedToKnow({ incidentId: second.id, userId: 'dan', addedBy: 'ann', addedAt: at(5) })).toBe(true);

    expect(await ctx.store.listNeedToKnow(first.id)).toEqual([
      { incidentId: first.id, userId: 'bob', addedBy: 'ann', addedAt: at(10) },
      { incidentId: first.id, userId: 'cara', addedBy: 'ann', addedAt: at(20) },
    ]);
    expect((await ctx.store.listNeedToKnow(second.id)).map((e) => e.userId)).toEqual(['dan']);
    expect(await ctx.store.listNeedToKnow('nope')).toEqual([]);
  });

  it('answers which of some incidents a person is on the list of', async () => {
    const { first, second } = await setUp();
    await ctx.store.addNeedToKnow({ incidentId: first.id, userId: 'bob', addedBy: 'ann', addedAt: at(10) });
    await ctx.store.addNeedToKnow({ incidentId: second.id, userId: 'cara', addedBy: 'ann', addedAt: at(10) });
    expect(await ctx.store.listIncidentsKnownTo('bob', [first.id, second.id, 'nope'])).toEqual([first.id]);
    expect(await ctx.store.listIncidentsKnownTo('bob', [second.id])).toEqual([]);
    expect(await ctx.store.listIncidentsKnownTo('bob', [])).toEqual([]);
  });

  it('takes a person off a list once, and a rolled-back change leaves the list as it was', async () => {
    const { first } = await setUp();
    await ctx.store.addNeedToKnow({ incidentId: first.id, userId: 'bob', addedBy: 'ann', addedAt: at(10) });
    await expect(
      ctx.store.transaction(async (tx) => {
        await tx.removeNeedToKnow(first.id, 'bob');
        await tx.addNeedToKnow({ incidentId: first.id, userId: 'dan', addedBy: 'ann', addedAt: at(11) });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect((await ctx.store.listNeedToKnow(first.id)).map((e) => e.userId)).toEqual(['bob']);

    expect(await ctx.store.removeNeedToKnow(first.id, 'bob')).toBe(true);
    expect(await ctx.store.removeNeedToKnow(first.id, 'bob')).toBe(false);
    expect(await ctx.store.listNeedToKnow(first.id)).toEqual([]);
  });
}
