import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, iso, MIN, openEscalationWorld, pushesTo } from '../../../tests/support/escalation-world.js';

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
});
