import { expect, it } from 'vitest';
import { checkTimelineRow } from '../../../core/audit/chain-check.js';
import { sha256Hex } from '../chain-digest.js';
import type { ContractContext } from './context.js';
import { at, makeEvent, makeIncident, makePage, makeUser } from './fixtures.js';

/** A level's pages in bulk: multi-row inserts with dedup by id, reads by id list, push subscribers, timeline rows. */
export function pageBatchContract(ctx: ContractContext): void {
  it('inserts a level of pages at once, answers only the ids it added, and reads them back by id', async () => {
    const incident = await ctx.store.insertIncident(makeIncident());
    // More pages than one multi-row insert carries, so the chunks meet.
    const pages = Array.from({ length: 450 }, (_, i) => makePage(incident.id, i, { id: `${incident.id}/p${i}`, userId: `u${i}` }));
    const first = await ctx.store.transaction((tx) => tx.insertPages(pages.slice(0, 300)));
    expect(first.size).toBe(300);
    const changed = { ...pages[0]!, state: 'sent' as const };
    const second = await ctx.store.transaction((tx) => tx.insertPages([changed, ...pages.slice(200)]));
    // The 100 already stored are left as they were; the 150 new ones are added.
    expect(second.size).toBe(150);
    expect(second.has(pages[0]!.id)).toBe(false);
    expect(second.has(pages[449]!.id)).toBe(true);
    expect(await ctx.store.getPage(pages[0]!.id)).toEqual(pages[0]);
    const read = await ctx.store.getPages([...pages.map((p) => p.id), 'no-such-page']);
    expect(read.sort((a, b) => a.createdAt.localeCompare(b.createdAt))).toEqual(pages);
    expect(await ctx.store.insertPages([])).toEqual(new Set());
    expect(await ctx.store.getPages([])).toEqual([]);
  });

  it('tells which people have a Web Push subscription', async () => {
    await ctx.store.upsertUser(makeUser());
    await ctx.store.upsertUser(makeUser({ id: 'bob', email: 'bob@example.com' }));
    const base = { keys: { p256dh: 'key', auth: 'auth' }, createdAt: at(1) };
    await ctx.store.savePushSubscription({ ...base, endpoint: 'https://push.example/a', userId: 'alice', deviceId: null });
    await ctx.store.savePushSubscription({ ...base, endpoint: 'https://push.example/b', userId: 'alice', deviceId: null });
    expect(await ctx.store.usersWithPushSubscriptions(['alice', 'bob', 'carol'])).toEqual(new Set(['alice']));
    expect(await ctx.store.usersWithPushSubscriptions([])).toEqual(new Set());
  });

  it('appends many timeline events in order onto each incident\'s chain, as one-by-one appends would', async () => {
    const one = await ctx.store.insertIncident(makeIncident());
    const two = await ctx.store.insertIncident(makeIncident());
    await ctx.store.appendTimeline(makeEvent(one.id, 1));
    const batch = [...Array.from({ length: 150 }, (_, i) => makeEvent(one.id, 2 + i)), makeEvent(two.id, 3), makeEvent(one.id, 500)];
    await ctx.store.transaction((tx) => tx.appendTimelines(batch));
    await ctx.store.appendTimeline(makeEvent(one.id, 600));
    await ctx.store.appendTimelines([]);

    expect((await ctx.store.listTimeline(one.id)).map((e) => e.id)).toEqual([
      expect.any(String),
      ...batch.filter((e) => e.incidentId === one.id).map((e) => e.id),
      expect.any(String),
    ]);
    expect(await ctx.store.listTimeline(two.id)).toEqual([batch[150]]);
    const rows = await ctx.store.readTimelineChain(undefined, 1000);
    for (const incidentId of [one.id, two.id]) {
      const chain = rows.filter((row) => row.incidentId === incidentId);
      chain.forEach((row, i) => expect(checkTimelineRow(sha256Hex, chain[i - 1], row)).toBeUndefined());
    }
    expect(rows.filter((row) => row.incidentId === one.id)).toHaveLength(153);
  });
}
