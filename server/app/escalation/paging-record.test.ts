import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, MIN, openEscalationWorld } from '../../../tests/support/escalation-world.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

describe('the paging record (real store, manual clock)', () => {
  it('labels failover recipients as the failover, on the page and the timeline, not as a level', async () => {
    world = await openEscalationWorld({ failover: { email: [], users: ['dan'] } });
    const { h, clock, store, trigger } = world;
    const id = await trigger();
    await h.drain();
    clock.advance(5 * MIN);
    await h.drain();
    clock.advance(10 * MIN);
    await h.drain();
    const dan = (await store.listPages(id)).find((p) => p.userId === 'dan');
    expect(dan).toMatchObject({ pageKey: 'failover:dan', state: 'sent' });
    const queued = (await store.listTimeline(id)).filter((e) => e.type === 'page.queued').map((e) => e.data);
    expect(queued.at(-1)).toEqual({ userId: 'dan', failover: true });
  });
});
