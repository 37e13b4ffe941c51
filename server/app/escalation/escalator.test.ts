import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, iso, MIN, pushesTo, T0, openEscalationWorld } from '../../../tests/support/escalation-world.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Opens a fresh world for one test; it is closed after the test. */
const open = async (...args: Parameters<typeof openEscalationWorld>) => (world = await openEscalationWorld(...args));

describe('the escalator pages: level 1 at once, repeats, level 2, schedules (real store, manual clock)', () => {
  it('pages level 1 at once through a level job when the phone is not rung from the commit: a page row, its level job (the outbox), then the push', async () => {
    const { h, store, trigger, jobs, timeline } = await open({}, undefined, undefined, { harness: { ringHere: false } });
    const id = await trigger();
    const pageId = `${id}/0:0:bob/push`;

    expect(await store.listPages(id)).toEqual([
      expect.objectContaining({ id: pageId, pageKey: '0:0:bob', userId: 'bob', channel: 'push', state: 'queued', level: 0, createdAt: T0.toISOString() }),
    ]);
    // The first repeat (60 s) comes before the level timeout (5 min), so the step row wakes for it.
    expect(jobs(id)).toEqual([
      { id: `level:${pageId}`, kind: 'page.level', dueAt: T0.toISOString() },
      { id: `step:${id}`, kind: 'escalation.step', dueAt: iso(MIN) },
    ]);
    expect(h.pushes).toEqual([]);

    expect(await h.drain()).toBe(1);
    expect(h.pushes).toEqual([{ pageId, channel: 'push', incidentId: id, userId: 'bob', attempt: 1, at: T0.toISOString() }]);
    expect(await store.getPage(pageId)).toMatchObject({ state: 'sent', sentAt: T0.toISOString(), attempts: 1 });
    expect(await timeline(id)).toEqual(['incident.opened', 'escalation.started', 'page.queued', 'page.sent']);
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'running' });
    expect(jobs(id).map((j) => j.kind)).toEqual(['escalation.step']);
    expect(h.errors).toEqual([]);
  });

  it('re-sends an unread high-priority page every repeatPageEvery, delivered or not', async () => {
    const { h, clock, store, trigger } = await open();
    const id = await trigger();
    const pageId = `${id}/0:0:bob/push`;
    await h.drain();
    clock.advance(MIN - 1);
    expect(await h.drain()).toBe(0);
    clock.advance(1);
    await h.drain();
    await h.delivered(pageId);
    clock.advance(MIN);
    await h.drain();

    expect(pushesTo(h, 'bob').map((p) => [p.attempt, p.at])).toEqual([
      [1, T0.toISOString()],
      [2, iso(MIN)],
      [3, iso(2 * MIN)],
    ]);
    // Delivered is not read: the phone keeps ringing, and the page keeps its first send time.
    expect(await store.getPage(pageId)).toMatchObject({ state: 'delivered', attempts: 3, sentAt: T0.toISOString() });
  });

  it('does not repeat a low-priority page', async () => {
    const { h, clock, trigger } = await open();
    await trigger({ severity: 'info', dedupKey: 'low-1', summary: 'Printer toner low' });
    await h.drain();
    clock.advance(4 * MIN);
    await h.drain();
    expect(h.pushes.map((p) => p.attempt)).toEqual([1]);
  });

  it('pages level 2 once level 1 times out, and level 1 keeps ringing while unread', async () => {
    const { h, clock, store, trigger, timeline } = await open();
    const id = await trigger();
    for (let minute = 0; minute < 5; minute++) {
      await h.drain();
      clock.advance(MIN);
    }
    expect(pushesTo(h, 'cara')).toEqual([]);
    await h.drain();

    expect(pushesTo(h, 'cara')).toEqual([{ pageId: `${id}/1:0:cara/push`, channel: 'push', incidentId: id, userId: 'cara', attempt: 1, at: iso(5 * MIN) }]);
    expect(pushesTo(h, 'bob').map((p) => p.attempt)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(await store.getPage(`${id}/1:0:cara/push`)).toMatchObject({ level: 1, state: 'sent', createdAt: iso(5 * MIN) });
    const events = await store.listTimeline(id);
    expect(events.filter((e) => e.type === 'escalation.level').map((e) => [e.at, e.data])).toEqual([
      [iso(5 * MIN), { from: 0, to: 1, loop: 0, reason: 'timeout' }],
    ]);
    expect((await timeline(id)).filter((t) => t === 'page.sent')).toHaveLength(2);
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'running' });
    expect(h.metrics.escalations.count).toBe(1);
  });

  it('keeps a ringing channel’s notify-rule delay: repeats of the push page do not pull it forward', async () => {
    const { h, clock, store, trigger } = await open({}, T0, (config) => {
      const dan = config.users.find((u) => u.id === 'dan')!;
      dan.notify = [
        { channel: 'push', after: 0 },
        { channel: 'ntfy', after: 150 },
      ];
      config.policies[0]!.levels[0] = { delay: 300, targets: [{ user: 'dan' }] };
    });
    const id = await trigger();
    for (let s = 0; s <= 240; s += 30) {
      clock.set(new Date(T0.getTime() + s * 1000));
      await h.drain();
    }
    expect(h.pushes.map((p) => [p.channel, p.attempt, p.at])).toEqual([
      ['push', 1, iso(0)],
      ['push', 2, iso(MIN)],
      ['push', 3, iso(2 * MIN)],
      ['ntfy', 1, iso(150_000)],
      ['ntfy', 4, iso(3 * MIN)],
      ['push', 4, iso(3 * MIN)],
      ['ntfy', 5, iso(4 * MIN)],
      ['push', 5, iso(4 * MIN)],
    ]);
    expect(await store.getPage(`${id}/0:0:dan/ntfy`)).toMatchObject({ sentAt: iso(150_000), attempts: 3 });
  });

  it('resolves schedule targets through the example schedule at each level’s own instant', async () => {
    // Monday 16:58 in New York: Dan's weekday shift ends at 17:00, then the weekly layer (Bob) shows.
    const start = new Date('2026-11-02T21:58:00Z');
    const { h, clock, store, trigger } = await open(
      {
        levels: [
          { delay: 300, targets: [{ schedule: 'noc-primary' }] },
          { delay: 600, targets: [{ schedule: 'noc-primary' }] },
        ],
      },
      start,
    );
    const id = await trigger();
    await h.drain();
    clock.set(new Date(start.getTime() + 5 * MIN));
    await h.drain();
    expect((await store.listPages(id)).map((p) => [p.pageKey, p.createdAt])).toEqual([
      ['0:0:dan', iso(0, start)],
      ['1:0:bob', iso(5 * MIN, start)],
    ]);
    expect(h.pushes.map((p) => [p.userId, p.attempt])).toEqual([
      ['dan', 1],
      ['dan', 2],
      ['bob', 1],
    ]);
  });
});
