import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at, makeIncident, makePage, makeUser } from './fixtures.js';

/** The board snapshot's bulk read: the pages of every open incident at once. */
export function boardContract(ctx: ContractContext): void {
  it('lists the pages of every open incident in one read, by incident then creation time, and none of resolved ones', async () => {
    const first = await ctx.store.insertIncident(makeIncident({}, 0));
    const second = await ctx.store.insertIncident(makeIncident({}, 10));
    const closed = await ctx.store.insertIncident(makeIncident({ status: 'resolved' }, 20));
    const quiet = await ctx.store.insertIncident(makeIncident({}, 30));
    const later = makePage(first.id, 50, { pageKey: 'b' });
    const earlier = makePage(first.id, 5, { pageKey: 'a' });
    const other = makePage(second.id, 1, { pageKey: 'c', userId: 'bob' });
    for (const page of [later, earlier, other, makePage(closed.id, 2, { pageKey: 'd' })]) await ctx.store.insertPage(page);

    const pages = await ctx.store.listPagesOfOpenIncidents();
    const byIncident = (id: string) => pages.filter((p) => p.incidentId === id);
    expect(byIncident(first.id)).toEqual([earlier, later]);
    expect(byIncident(second.id)).toEqual([other]);
    expect(byIncident(closed.id)).toEqual([]);
    expect(byIncident(quiet.id)).toEqual([]);
    expect(pages).toHaveLength(3);
    // Same order as the per-incident read it replaces, incident by incident.
    expect(pages.map((p) => p.incidentId)).toEqual([...pages.map((p) => p.incidentId)].sort());

    await ctx.store.updateIncident(second.id, { status: 'resolved' });
    expect((await ctx.store.listPagesOfOpenIncidents()).map((p) => p.id)).toEqual([earlier.id, later.id]);
  });

  it('answers an empty list when nothing is open', async () => {
    expect(await ctx.store.listPagesOfOpenIncidents()).toEqual([]);
    expect(await ctx.store.listOpenIncidentsKnownTo('bob')).toEqual([]);
  });

  it('lists the open incidents a person is on the need-to-know list of, in one read, and none resolved or of others', async () => {
    for (const id of ['bob', 'cara']) await ctx.store.upsertUser(makeUser({ id, email: `${id}@example.com` }));
    const mine = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    const closed = await ctx.store.insertIncident(makeIncident({ confidential: true, status: 'resolved' }));
    const theirs = await ctx.store.insertIncident(makeIncident({ confidential: true }));
    for (const [incidentId, userId] of [[mine.id, 'bob'], [closed.id, 'bob'], [theirs.id, 'cara']] as const) {
      await ctx.store.addNeedToKnow({ incidentId, userId, addedBy: 'ann', addedAt: at(10) });
    }
    expect(await ctx.store.listOpenIncidentsKnownTo('bob')).toEqual([mine.id]);
    expect(await ctx.store.listOpenIncidentsKnownTo('cara')).toEqual([theirs.id]);
    expect(await ctx.store.listOpenIncidentsKnownTo('dan')).toEqual([]);
    await ctx.store.updateIncident(mine.id, { status: 'resolved' });
    expect(await ctx.store.listOpenIncidentsKnownTo('bob')).toEqual([]);
  });
}
