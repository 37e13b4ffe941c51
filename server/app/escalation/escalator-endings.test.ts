import { afterEach, describe, expect, it } from 'vitest';
import { type EscalationWorld, iso, MIN, pushesTo, T0, openEscalationWorld } from '../../../tests/support/escalation-world.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Opens a fresh world for one test; it is closed after the test. */
const open = async (...args: Parameters<typeof openEscalationWorld>) => (world = await openEscalationWorld(...args));

describe('the escalator ends escalations: read, acknowledge, failover, catch-up (real store, manual clock)', () => {
  it('stops on read: no more sends, queued pages cancelled, the escalation stopped', async () => {
    // Ann's rules are push at once, e-mail after 5 min: her e-mail page waits queued.
    const { h, clock, store, trigger, jobs, timeline } = await open({
      levels: [
        { delay: 300, targets: [{ user: 'bob' }, { user: 'ann' }] },
        { delay: 600, targets: [{ user: 'cara' }] },
      ],
    });
    const id = await trigger();
    await h.drain();
    expect(h.pushes.map((p) => p.userId).sort()).toEqual(['ann', 'bob']);
    expect(await store.getPage(`${id}/0:0:ann/email`)).toMatchObject({ state: 'queued' });

    clock.advance(30_000);
    expect(await h.escalator.pageRead('cara', `${id}/0:0:bob/push`)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await h.escalator.pageRead('bob', `${id}/0:0:bob/push`)).toEqual({ ok: true, value: undefined });
    expect(await h.escalator.pageRead('bob', `${id}/0:0:bob/push`)).toEqual({ ok: true, value: undefined });

    expect(await store.getPage(`${id}/0:0:bob/push`)).toMatchObject({ state: 'read', readAt: iso(30_000) });
    expect(await store.getPage(`${id}/0:0:ann/email`)).toMatchObject({ state: 'cancelled' });
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'stopped' });
    const stopped = (await store.listTimeline(id)).find((e) => e.type === 'escalation.stopped');
    expect(stopped?.data).toEqual({ reason: 'read', by: '0:0:bob' });
    expect((await timeline(id)).slice(-2)).toEqual(['page.read', 'escalation.stopped']);
    expect(jobs(id)).toEqual([]);
    expect(h.metrics.pagesRead.count).toBe(1);

    clock.advance(60 * MIN);
    expect(await h.drain()).toBe(0);
    expect(h.pushes).toHaveLength(2);
    expect(h.mails).toEqual([]);
  });

  it('with stopOn acknowledged, a read only quiets that page; the acknowledgement stops the escalation', async () => {
    const { h, clock, store, trigger, jobs, timeline } = await open({ stopOn: 'acknowledged' });
    const id = await trigger();
    await h.drain();
    clock.advance(10_000);
    await h.escalator.pageRead('bob', `${id}/0:0:bob/push`);
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'running' });

    clock.set(new Date(T0.getTime() + 5 * MIN));
    await h.drain();
    expect(pushesTo(h, 'bob').map((p) => p.attempt)).toEqual([1]);
    expect(pushesTo(h, 'cara').map((p) => p.attempt)).toEqual([1]);

    clock.advance(20_000);
    const acked = await h.actions.acknowledge({ userId: 'cara', role: 'forensic-analyst' }, [id]);
    expect(acked).toEqual({ ok: true, value: { changed: 1 } });
    expect(await store.getIncident(id)).toMatchObject({ status: 'acknowledged', escalation: 'stopped' });
    const stopped = (await store.listTimeline(id)).find((e) => e.type === 'escalation.stopped');
    expect(stopped).toMatchObject({ at: iso(5 * MIN + 20_000), data: { reason: 'acknowledged', by: null } });
    expect((await timeline(id)).slice(-2)).toEqual(['incident.acknowledged', 'escalation.stopped']);
    expect(jobs(id)).toEqual([]);

    clock.advance(60 * MIN);
    expect(await h.drain()).toBe(0);
    expect(h.pushes).toHaveLength(2);
    expect(h.mails).toEqual([]);
  });

  it('fails over after the last loop: the lead gets a report of every page, with channel and state', async () => {
    const { h, clock, store, trigger, jobs } = await open({ repeat: 1, failover: { email: ['lead@example.com'], users: ['ann'] } });
    h.offline.add('cara');
    const id = await trigger();
    await h.drain();
    await h.delivered(`${id}/0:0:bob/push`);
    // The level timeouts: 5 min, +10 min (loop 2 starts), +5 min, +10 min (failover).
    for (const at of [5, 15, 20]) {
      clock.set(new Date(T0.getTime() + at * MIN));
      await h.drain();
      expect(await store.getIncident(id)).toMatchObject({ escalation: 'running' });
    }
    expect(h.mails).toEqual([]);
    clock.set(new Date(T0.getTime() + 30 * MIN));
    await h.drain();

    expect(await store.getIncident(id)).toMatchObject({ escalation: 'unanswered', status: 'triggered' });
    const failover = (await store.listTimeline(id)).filter((e) => e.type === 'failover.sent');
    expect(failover.map((e) => [e.at, e.data])).toEqual([
      [iso(30 * MIN), { emails: ['lead@example.com'], users: ['ann'], loops: 2, unreadPages: 4 }],
    ]);
    expect(h.metrics.failovers.count).toBe(1);

    expect(h.mails).toHaveLength(1);
    const report = h.mails[0]!;
    expect(report.to).toEqual(['lead@example.com']);
    expect(report.subject).toBe('[Klaxon] UNANSWERED high: Disk full on srv1');
    const pageLines = report.text.split('\n').filter((line) => line.startsWith('  - '));
    expect(pageLines).toHaveLength(6);
    const line = (who: string, level: number, state: string) =>
      expect(pageLines.some((l) => l.startsWith(`  - ${who} · push · level ${level} · ${state} · `))).toBe(true);
    line('Bob Example (bob)', 1, 'DELIVERED');
    line('Bob Example (bob)', 1, 'SENT');
    line('Cara Example (cara)', 2, 'QUEUED');
    expect(pageLines.filter((l) => l.includes('Cara Example (cara) · push · level 2 · QUEUED'))).toHaveLength(2);
    // The failover user is paged too (push now, e-mail after 5 min as her rules say).
    expect(pageLines.filter((l) => l.includes('Ann Example (ann)'))).toHaveLength(2);
    expect(report.text).toContain(`Open it:   http://klaxon.test/#/incidents/${id}`);
    expect(report.text).toContain('failover.sent');
    expect(pushesTo(h, 'ann').map((p) => p.pageId)).toEqual([`${id}/failover:ann/push`]);
    // Nothing repeats once the escalation ran out; only Ann's e-mail rule is still due.
    expect(jobs(id).map((j) => j.id)).toEqual([`send:${id}/failover:ann/email`]);
  });

  it('does not send the "e-mail after 5 min" page when the push page was read first', async () => {
    const { h, clock, store, trigger, jobs } = await open({
      stopOn: 'acknowledged',
      levels: [
        { delay: 600, targets: [{ user: 'ann' }] },
        { delay: 600, targets: [{ user: 'cara' }] },
      ],
    });
    const id = await trigger();
    await h.drain();
    expect(jobs(id).find((j) => j.kind === 'page.send')).toEqual({ id: `send:${id}/0:0:ann/email`, kind: 'page.send', dueAt: iso(5 * MIN) });
    clock.advance(2 * MIN);
    await h.escalator.pageRead('ann', `${id}/0:0:ann/push`);
    expect(await store.getPage(`${id}/0:0:ann/email`)).toMatchObject({ state: 'cancelled' });
    clock.advance(10 * MIN);
    await h.drain();
    expect(h.mails).toEqual([]);
    expect(await store.getPage(`${id}/0:0:ann/email`)).toMatchObject({ state: 'cancelled', sentAt: null });
  });

  it('sends the "e-mail after 5 min" page when nobody read the push page', async () => {
    const { h, clock, store, trigger } = await open({ levels: [{ delay: 600, targets: [{ user: 'ann' }] }] });
    const id = await trigger();
    await h.drain();
    clock.advance(5 * MIN - 1);
    await h.drain();
    expect(h.mails).toEqual([]);
    clock.advance(1);
    await h.drain();
    expect(h.mails.map((m) => m.to)).toEqual([['ann@example.com']]);
    expect(h.mails[0]!.text).toContain(`Page id: ${id}/0:0:ann/email`);
    expect(await store.getPage(`${id}/0:0:ann/email`)).toMatchObject({ state: 'sent', sentAt: iso(5 * MIN) });
  });

  it('after a long gap, catches up: each level once, in order, at its own due time, and each phone rings once', async () => {
    // The relay went down right after the incident's commit, before its level job (or a ring) ran.
    const { h, clock, store, trigger, jobs } = await open({}, undefined, undefined, { harness: { ringHere: false } });
    const id = await trigger();
    // The relay was down from the moment the incident opened until two hours later.
    clock.set(new Date(T0.getTime() + 120 * MIN));
    await h.drain();

    const events = (await store.listTimeline(id)).filter((e) => e.type.startsWith('escalation.') || e.type.startsWith('failover.'));
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['escalation.started', expect.anything()],
      ['escalation.level', { from: 0, to: 1, loop: 0, reason: 'timeout' }],
      ['failover.sent', { emails: ['lead@example.com'], users: [], loops: 1, unreadPages: 2 }],
    ]);
    // A page's times are when things happened: cara's level was due at 5 min, but her page was only
    // queued (and sent) when the relay came back, and that is what the record says.
    expect((await store.listPages(id)).map((p) => [p.pageKey, p.createdAt, p.sentAt, p.state])).toEqual([
      ['0:0:bob', T0.toISOString(), iso(120 * MIN), 'sent'],
      ['1:0:cara', iso(120 * MIN), iso(120 * MIN), 'sent'],
    ]);
    expect(h.pushes.map((p) => p.userId)).toEqual(['bob', 'cara']);
    expect(h.mails.map((m) => m.to)).toEqual([['lead@example.com']]);
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'unanswered' });
    expect(jobs(id)).toEqual([]);
  });

  it('after a long gap in the middle of level 1, the missed repeats ring once, then level 2 and the failover follow', async () => {
    const { h, clock, store, trigger } = await open();
    const id = await trigger();
    await h.drain();
    clock.set(new Date(T0.getTime() + 120 * MIN));
    await h.drain();
    expect(h.pushes.map((p) => [p.userId, p.attempt])).toEqual([
      ['bob', 1],
      ['bob', 2],
      ['cara', 1],
    ]);
    expect(await store.getIncident(id)).toMatchObject({ escalation: 'unanswered' });
    expect(h.mails).toHaveLength(1);
  });
});
