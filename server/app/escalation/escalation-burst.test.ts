import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, iso, MIN, openEscalationWorld, pushesTo } from '../../../tests/support/escalation-world.js';
import { createJobRunner } from '../jobs/job-runner.js';
import type { Store } from '../ports/store.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('an escalation burst: many incidents whose level 1 times out at the same instant (real store, manual clock)', () => {
  it('moves every incident to level 2 exactly once, each on its own timeline, when the steps share commits', async () => {
    world = await openEscalationWorld();
    const { h, clock, store, trigger } = world;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await trigger({ dedupKey: `switch-down-${i}` }));
    for (let minute = 0; minute < 5; minute++) {
      await h.drain();
      clock.advance(MIN);
    }
    await h.drain();

    expect(h.errors).toEqual([]);
    expect(pushesTo(h, 'cara').map((p) => p.incidentId).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const events = await store.listTimeline(id);
      expect(events.filter((e) => e.type === 'escalation.level').map((e) => [e.at, e.data])).toEqual([
        [iso(5 * MIN), { from: 0, to: 1, loop: 0, reason: 'timeout' }],
      ]);
      expect(events.filter((e) => e.type === 'page.queued' && e.data.userId === 'cara')).toHaveLength(1);
    }
    expect(h.metrics.escalations.count).toBe(30);
  });

  it('sends the pages of overdue steps in the order they fell due, not after every overdue step (a backlog after an outage)', async () => {
    // Claims of 4 jobs at a time: 30 overdue steps take many claims.
    const seen: number[] = [];
    world = await openEscalationWorld({}, undefined, () => {}, {
      harness: {
        createRunner: (deps) => createJobRunner({ ...deps, batchSize: 4, concurrency: 4 }),
        // Before each step: how many level-2 pages (cara's) have gone out so far.
        wrapStep: (handler) => (job, now) => {
          seen.push(pushesTo(world!.h, 'cara').length);
          return handler(job, now);
        },
      },
    });
    const { h, clock, trigger } = world;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await trigger({ dedupKey: `switch-down-${i}` }));
    for (let minute = 0; minute < 4; minute++) {
      await h.drain();
      clock.advance(MIN);
    }
    await h.drain();
    seen.length = 0;
    // The relay was down from 4 min to 6 min: level 1 timed out for every incident at 5 min.
    clock.advance(2 * MIN);
    await h.drain();

    expect(h.errors).toEqual([]);
    expect(pushesTo(h, 'cara').map((p) => p.incidentId).sort()).toEqual([...ids].sort());
    expect(seen.length).toBeGreaterThanOrEqual(30);
    // Level-2 pages went out while overdue steps were still waiting: the last step saw most of them.
    expect(seen[seen.length - 1]).toBeGreaterThanOrEqual(20);
  });

  it('records the sends of many levels in shared commits, each page once on its timeline', async () => {
    let transactions = 0;
    const counting = (store: Store): Store =>
      new Proxy(store, {
        get(target, name, receiver) {
          if (name === 'transaction') transactions += 1;
          const value = Reflect.get(target, name, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Store;
    world = await openEscalationWorld({}, undefined, () => {}, { wrapStore: counting, harness: { ringHere: false } });
    const { h, store, trigger } = world;
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) ids.push(await trigger({ dedupKey: `switch-down-${i}` }));
    transactions = 0;
    await h.drain();

    expect(h.errors).toEqual([]);
    expect(pushesTo(h, 'bob').map((p) => p.incidentId).sort()).toEqual([...ids].sort());
    // 30 level jobs, each alone would be 30 record commits, and the claims come on top.
    expect(transactions).toBeLessThan(15);
    for (const id of ids) {
      const sent = (await store.listTimeline(id)).filter((e) => e.type === 'page.sent');
      expect(sent.map((e) => e.data.userId)).toEqual(['bob']);
      expect(await store.getPage(`${id}/0:0:bob/push`)).toMatchObject({ state: 'sent', attempts: 1 });
    }
  });

  it('commits the steps and the level records that run at the same moment together (one fsync on SQLite)', async () => {
    let durable = 0;
    const counting = (store: Store): Store =>
      new Proxy(store, {
        get(target, name, receiver) {
          if (name === 'transaction') {
            return (fn: Parameters<Store['transaction']>[0], options?: Parameters<Store['transaction']>[1]) => {
              if (options?.durable !== false) durable += 1;
              return target.transaction(fn, options);
            };
          }
          const value = Reflect.get(target, name, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      }) as Store;
    // No repeats: each incident's work here is its level-1 send, its step and its level-2 send.
    world = await openEscalationWorld({ repeatPageEvery: 3600 }, undefined, () => {}, { wrapStore: counting, harness: { ringHere: false } });
    const { h, clock, trigger } = world;
    const early: string[] = [];
    for (let i = 0; i < 15; i++) early.push(await trigger({ dedupKey: `early-${i}` }));
    await h.drain();
    // At 5 min the early incidents' level 1 times out, as 15 new incidents open: one claim takes
    // the early ones' steps and the new ones' level-1 sends.
    clock.advance(5 * MIN);
    const late: string[] = [];
    for (let i = 0; i < 15; i++) late.push(await trigger({ dedupKey: `late-${i}` }));
    durable = 0;
    await h.drain();

    expect(h.errors).toEqual([]);
    expect(pushesTo(h, 'cara').map((p) => p.incidentId).sort()).toEqual([...early].sort());
    expect(pushesTo(h, 'bob').map((p) => p.incidentId).sort()).toEqual([...early, ...late].sort());
    // The steps with the new incidents' level records, then the early incidents' level-2 records.
    expect(durable).toBe(2);
  });
});
