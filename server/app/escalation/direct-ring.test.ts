import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, MIN, openEscalationWorld, pushesTo, T0 } from '../../../tests/support/escalation-world.js';
import type { Store } from '../ports/store.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** A store that counts the transactions that wait for the disk (the ones that cost an fsync on SQLite). */
function countingDurable(counter: { durable: number }, failNext?: { commits: boolean }) {
  return (store: Store): Store =>
    new Proxy(store, {
      get(target, name, receiver) {
        if (name === 'transaction') {
          return async (fn: Parameters<Store['transaction']>[0], options?: Parameters<Store['transaction']>[1]) => {
            if (options?.durable !== false) counter.durable += 1;
            if (!failNext?.commits) return target.transaction(fn, options);
            failNext.commits = false;
            // The work runs, then the commit fails: nothing of it is stored.
            return target.transaction(async (tx) => {
              await fn(tx);
              throw new Error('disk I/O error at commit');
            }, options);
          };
        }
        const value = Reflect.get(target, name, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
}

describe('phones connected to this relay are rung from the commit that pages them (real store, manual clock)', () => {
  it('rings level 1 from the ingest’s own commit: the page is stored sent, once on the timeline, and no level job is left', async () => {
    world = await openEscalationWorld();
    const { h, store, trigger, jobs, timeline } = world;
    const id = await trigger();
    const pageId = `${id}/0:0:bob/push`;

    // Rung before any job ran.
    expect(h.pushes).toEqual([{ pageId, channel: 'push', incidentId: id, userId: 'bob', attempt: 1, at: T0.toISOString() }]);
    expect(await store.getPage(pageId)).toMatchObject({ state: 'sent', attempts: 1, sentAt: T0.toISOString(), createdAt: T0.toISOString() });
    expect(await timeline(id)).toEqual(['incident.opened', 'escalation.started', 'page.queued', 'page.sent']);
    expect(jobs(id).map((j) => j.kind)).toEqual(['escalation.step']);
    expect(h.metrics.pagesSent.count).toBe(1);
    // The consoles heard of the page as sent.
    expect(h.published.filter((c) => c.type === 'page:updated').map((c) => c.type === 'page:updated' && c.page.state)).toEqual(['sent']);

    expect(await h.drain()).toBe(0);
    expect(h.pushes).toHaveLength(1);
    expect(h.errors).toEqual([]);
  });

  it('rings the next level from the step’s one durable commit, with the level move and the page on the timeline in order', async () => {
    const counter = { durable: 0 };
    world = await openEscalationWorld({ repeatPageEvery: 3600 }, undefined, () => {}, { wrapStore: countingDurable(counter) });
    const { h, clock, store, trigger, jobs } = world;
    const id = await trigger();
    clock.advance(5 * MIN);
    counter.durable = 0;
    expect(await h.drain()).toBe(1);

    expect(counter.durable).toBe(1);
    expect(pushesTo(h, 'cara')).toEqual([expect.objectContaining({ incidentId: id, attempt: 1, at: new Date(T0.getTime() + 5 * MIN).toISOString() })]);
    const events = (await store.listTimeline(id)).map((e) => [e.type, e.data.userId ?? e.data.to]);
    expect(events.slice(-3)).toEqual([
      ['escalation.level', 1],
      ['page.queued', 'cara'],
      ['page.sent', 'cara'],
    ]);
    expect(events.filter(([type]) => type === 'page.sent')).toEqual([
      ['page.sent', 'bob'],
      ['page.sent', 'cara'],
    ]);
    expect(jobs(id).map((j) => j.kind)).toEqual(['escalation.step']);
  });

  it('rings nobody when the commit fails, and rings once when the step runs again', async () => {
    const failNext = { commits: false };
    world = await openEscalationWorld({ repeatPageEvery: 3600 }, undefined, () => {}, { wrapStore: countingDurable({ durable: 0 }, failNext) });
    const { h, clock, store, trigger } = world;
    const id = await trigger();
    clock.advance(5 * MIN);
    failNext.commits = true;
    await h.drain();

    expect(h.errors).toHaveLength(1);
    expect(pushesTo(h, 'cara')).toEqual([]);
    expect(await store.getPage(`${id}/1:0:cara/push`)).toBeUndefined();
    expect(h.metrics.pagesSent.count).toBe(1);

    // The step is still due: the runner tries it again once its lease runs out.
    clock.advance(MIN);
    await h.drain();
    expect(pushesTo(h, 'cara')).toHaveLength(1);
    expect(await store.getPage(`${id}/1:0:cara/push`)).toMatchObject({ state: 'sent', attempts: 1 });
    expect((await store.listTimeline(id)).filter((e) => e.type === 'page.sent' && e.data.userId === 'cara')).toHaveLength(1);
  });

  it('sends the page of a person with no phone connected here through its level job, as before', async () => {
    world = await openEscalationWorld();
    const { h, store, trigger, jobs } = world;
    h.offline.add('bob');
    const id = await trigger();
    const pageId = `${id}/0:0:bob/push`;

    expect(h.pushes).toEqual([]);
    expect(await store.getPage(pageId)).toMatchObject({ state: 'queued', attempts: 0, sentAt: null });
    expect(jobs(id).map((j) => j.id)).toEqual([`level:${pageId}`, `step:${id}`]);
    await h.drain();
    // Still offline: the page waits for the phone's replay on connect.
    expect(await store.getPage(pageId)).toMatchObject({ state: 'queued', attempts: 1 });
    expect((await store.listTimeline(id)).filter((e) => e.type === 'page.sent')).toEqual([]);
  });

  it('gives a person rung from the commit who also has Web Push their Web Push send, as a level job does', async () => {
    world = await openEscalationWorld();
    const { h, store, trigger, jobs } = world;
    await store.savePushSubscription({
      endpoint: 'https://push.example/bob',
      userId: 'bob',
      deviceId: null,
      keys: { p256dh: `B${'a'.repeat(86)}`, auth: 'b'.repeat(22) },
      createdAt: T0,
    });
    const id = await trigger();
    const pageId = `${id}/0:0:bob/push`;

    expect(pushesTo(h, 'bob')).toHaveLength(1);
    expect(jobs(id)).toEqual([
      { id: `send:${pageId}:web-push`, kind: 'page.send', dueAt: T0.toISOString() },
      { id: `step:${id}`, kind: 'escalation.step', dueAt: new Date(T0.getTime() + MIN).toISOString() },
    ]);
  });
});
