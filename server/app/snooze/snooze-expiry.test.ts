import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, iso, MIN, openEscalationWorld, pushesTo } from '../../../tests/support/escalation-world.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});
const open = async (...args: Parameters<typeof openEscalationWorld>) => (world = await openEscalationWorld(...args));

const cara = { userId: 'cara', role: 'forensic-analyst' as const };
const bob = { userId: 'bob', role: 'triage-analyst' as const };

describe('snooze expiry (real store, manual clock)', () => {
  it('triggers the incident again when the snooze ends and re-pages from level 1 with new pages, each once on the timeline', async () => {
    const { h, clock, store, trigger, jobs } = await open({ stopOn: 'acknowledged' });
    const id = await trigger();
    await h.drain();
    expect(pushesTo(h, 'bob').map((p) => p.pageId)).toEqual([`${id}/0:0:bob/push`]);
    clock.advance(MIN);
    expect(await h.actions.acknowledge(cara, [id])).toMatchObject({ ok: true });
    await h.drain();
    expect(await store.getIncident(id)).toMatchObject({ status: 'acknowledged', escalation: 'stopped' });

    expect(await h.snooze.snooze(cara, [id], { duration: 15 * 60 })).toEqual({ ok: true, value: { changed: 1, until: iso(16 * MIN) } });
    expect(await store.getIncident(id)).toMatchObject({ status: 'acknowledged', snoozedUntil: iso(16 * MIN) });
    expect(jobs(id)).toEqual([{ id: `snooze:${id}`, kind: 'incident.snooze-end', dueAt: iso(16 * MIN) }]);

    // A minute before the end nothing happens.
    clock.advance(14 * MIN);
    await h.drain();
    expect(await store.getIncident(id)).toMatchObject({ status: 'acknowledged' });
    expect(h.pushes).toHaveLength(1);

    clock.advance(MIN);
    await h.drain();
    const again = await store.getIncident(id);
    expect(again).toMatchObject({ status: 'triggered', acknowledgedAt: null, escalation: 'running' });
    expect(again?.snoozedUntil ?? null).toBeNull();
    expect(pushesTo(h, 'bob').map((p) => p.pageId)).toEqual([`${id}/0:0:bob/push`, `${id}/r1:0:0:bob/push`]);
    // Per the policy: level 2 after its 5 minutes, as a page of the new run.
    clock.advance(5 * MIN);
    await h.drain();
    expect(pushesTo(h, 'cara').map((p) => p.pageId)).toEqual([`${id}/r1:1:0:cara/push`]);

    const timeline = await store.listTimeline(id);
    const types = timeline.map((e) => e.type);
    expect(types.filter((t) => t === 'incident.snoozed')).toHaveLength(1);
    expect(timeline.filter((e) => e.type === 'incident.snooze_ended').map((e) => e.data)).toEqual([{ reason: 'expired', until: iso(16 * MIN) }]);
    expect(timeline.find((e) => e.type === 'escalation.started' && e.data.run === 1)?.data).toMatchObject({ run: 1, from: 'stopped' });
    // Every page is queued and sent once: three pages, three of each.
    const pageIds = timeline.filter((e) => e.type === 'page.sent').map((e) => e.data.pageId);
    expect(pageIds).toEqual([`${id}/0:0:bob/push`, `${id}/r1:0:0:bob/push`, `${id}/r1:1:0:cara/push`]);
    expect(types.filter((t) => t === 'page.queued')).toHaveLength(3);
    expect(jobs(id).map((j) => j.kind)).not.toContain('incident.snooze-end');
    expect(h.errors).toEqual([]);
  });

  it('does not count a read of the old page for the new run (stopOn read)', async () => {
    const { h, clock, store, trigger } = await open({ stopOn: 'read' });
    const id = await trigger();
    await h.drain();
    clock.advance(MIN);
    await h.escalator.pageRead('bob', `${id}/0:0:bob/push`);
    await h.actions.acknowledge(cara, [id]);
    await h.snooze.snooze(cara, [id], { duration: 600 });
    clock.advance(10 * MIN);
    await h.drain();
    expect(await store.getIncident(id)).toMatchObject({ status: 'triggered', escalation: 'running' });
    expect(await store.getPage(`${id}/r1:0:0:bob/push`)).toMatchObject({ state: 'sent' });
    // The old page was read long ago; the new one is unread and the escalation moves on when its level times out.
    clock.advance(5 * MIN);
    await h.drain();
    expect(pushesTo(h, 'cara').map((p) => p.pageId)).toEqual([`${id}/r1:1:0:cara/push`]);
    // Reading the new page stops the new run.
    await h.escalator.pageRead('bob', `${id}/r1:0:0:bob/push`);
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'stopped' });
  });

  it('does nothing at the end when the incident was resolved before it: the pending end is gone', async () => {
    const { h, clock, store, trigger, jobs } = await open({ stopOn: 'acknowledged' });
    const id = await trigger();
    await h.drain();
    await h.actions.acknowledge(cara, [id]);
    await h.snooze.snooze(cara, [id], { duration: 900 });
    clock.advance(5 * MIN);
    expect(await h.actions.resolve(cara, [id])).toMatchObject({ ok: true });
    expect(jobs(id).map((j) => j.kind)).not.toContain('incident.snooze-end');
    const resolved = await store.getIncident(id);
    expect(resolved?.snoozedUntil ?? null).toBeNull();
    clock.advance(60 * MIN);
    await h.drain();
    expect(await store.getIncident(id)).toMatchObject({ status: 'resolved' });
    expect(h.pushes).toHaveLength(1);
    const ended = (await store.listTimeline(id)).filter((e) => e.type === 'incident.snooze_ended');
    expect(ended.map((e) => e.data.reason)).toEqual(['resolved']);
  });

  it('un-snoozing or acknowledging again ends the snooze: the incident stays acknowledged and nobody is paged', async () => {
    const { h, clock, store, trigger, jobs } = await open({ stopOn: 'acknowledged' });
    const id = await trigger();
    await h.drain();
    await h.actions.acknowledge(cara, [id]);
    await h.snooze.snooze(cara, [id], { duration: 900 });
    expect(await h.snooze.unsnooze(cara, [id])).toEqual({ ok: true, value: { changed: 1 } });
    expect(await h.snooze.unsnooze(cara, [id])).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await h.snooze.snooze(cara, [id], { until: iso(30 * MIN) });
    expect(await h.actions.acknowledge(cara, [id])).toEqual({ ok: true, value: { changed: 1 } });
    expect(jobs(id).map((j) => j.kind)).not.toContain('incident.snooze-end');
    clock.advance(60 * MIN);
    await h.drain();
    const incident = await store.getIncident(id);
    expect(incident).toMatchObject({ status: 'acknowledged', escalation: 'stopped' });
    expect(incident?.snoozedUntil ?? null).toBeNull();
    expect(h.pushes).toHaveLength(1);
    const ended = (await store.listTimeline(id)).filter((e) => e.type === 'incident.snooze_ended');
    expect(ended.map((e) => e.data.reason)).toEqual(['unsnoozed', 'acknowledged']);
  });

  it('snoozing again moves the end; the first end time passes quietly', async () => {
    const { h, clock, store, trigger, jobs } = await open({ stopOn: 'acknowledged' });
    const id = await trigger();
    await h.drain();
    await h.actions.acknowledge(cara, [id]);
    await h.snooze.snooze(cara, [id], { duration: 900 });
    await h.snooze.snooze(cara, [id], { duration: 3600 });
    expect(jobs(id).filter((j) => j.kind === 'incident.snooze-end')).toEqual([{ id: `snooze:${id}`, kind: 'incident.snooze-end', dueAt: iso(60 * MIN) }]);
    clock.advance(30 * MIN);
    await h.drain();
    expect(await store.getIncident(id)).toMatchObject({ status: 'acknowledged' });
    clock.advance(30 * MIN);
    await h.drain();
    expect(await store.getIncident(id)).toMatchObject({ status: 'triggered' });
    expect(pushesTo(h, 'bob')).toHaveLength(2);
  });

  it('refuses with the reason: a triggered or resolved incident, a role that may not, an end too far or too near', async () => {
    const { h, clock, trigger } = await open({ stopOn: 'acknowledged' });
    const id = await trigger();
    await h.drain();
    expect(await h.snooze.snooze(cara, [id], { duration: 900 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is triggered') } });
    await h.actions.acknowledge(cara, [id]);
    expect(await h.snooze.snooze(bob, [id], { duration: 900 })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await h.snooze.snooze(cara, [id], { until: iso(8 * 24 * 60 * MIN) })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'until' } });
    expect(await h.snooze.snooze(cara, [id], { until: new Date(clock.now().getTime() - MIN).toISOString() })).toMatchObject({ ok: false, error: { code: 'invalid', field: 'until' } });
    expect(await h.snooze.snooze(cara, ['nope'], { duration: 900 })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await h.actions.resolve(cara, [id]);
    expect(await h.snooze.snooze(cara, [id], { duration: 900 })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is resolved') } });
  });
});
