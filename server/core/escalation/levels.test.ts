import { describe, expect, it } from 'vitest';
import { escalateNow, pageRead, startEscalation } from './events.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, only, policyOf, runUntil, T0 } from './test-support.js';

describe('levels and loops', () => {
  it('pages each level at once and escalates after its delay', () => {
    const policy = policyOf({
      levels: [
        { delay: '5m', targets: [{ user: 'ann' }] },
        { delay: '10m', targets: [{ user: 'bob' }, { user: 'cy' }] },
      ],
    });
    const ctx = contextOf();
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    expect(brief(started.effects)).toEqual(['0 page 0:0:ann #1']);
    expect(started.state.nextEscalationAt).toBe(iso(300));
    expect(started.wakeAt).toEqual(at(300));
    expect(step(started.state, policy, at(299), ctx).effects).toEqual([]);
    const second = step(started.state, policy, at(300), ctx);
    expect(brief(second.effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '300 page 1:0:cy #1',
    ]);
    expect(second.state).toMatchObject({ level: 1, loop: 0, levelStartedAt: iso(300), nextEscalationAt: iso(900) });
    expect(second.wakeAt).toEqual(at(900));
  });

  it('with repeat 1 makes two passes through the levels, then fails over', () => {
    const policy = policyOf({
      repeat: 1,
      levels: [
        { delay: '1m', targets: [{ user: 'ann' }] },
        { delay: '2m', targets: [{ user: 'bob' }] },
      ],
      failover: { email: ['lead@example.com'] },
    });
    const ctx = contextOf();
    const { effects, result } = runUntil(startEscalation(policy, { priority: 'low' }, at(0), ctx), policy, ctx, 3600);
    expect(brief(effects)).toEqual([
      '0 page 0:0:ann #1',
      '60 escalated 0->1 loop 0 (timeout)',
      '60 page 1:0:bob #1',
      '180 escalated 1->0 loop 1 (timeout)',
      '180 page 0:1:ann #1',
      '240 escalated 0->1 loop 1 (timeout)',
      '240 page 1:1:bob #1',
      '360 failover',
    ]);
    expect(result.state.status).toBe('unanswered');
    expect(result.state.endedAt).toBe(iso(360));
    expect(result.wakeAt).toBeNull();
    expect(only(effects, 'failover')[0]?.loops).toBe(2);
  });

  it('deduplicates users across the targets of one level, first occurrence first', () => {
    const policy = policyOf({
      levels: [{ delay: '5m', targets: [{ schedule: 'noc' }, { user: 'ann' }, { user: 'cy' }] }],
    });
    const ctx = contextOf({ noc: () => ['cy', 'ann'] });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    expect(brief(started.effects)).toEqual(['0 page 0:0:cy #1', '0 page 0:0:ann #1']);
    expect(started.state.tried).toEqual([{ level: 0, loop: 0, at: iso(0), userIds: ['cy', 'ann'] }]);
  });

  it('resolves schedule targets through ctx at the instant each level starts', () => {
    // The NOC rotation hands over at +10 min: ann before, bob from then on.
    const noc = (when: Date) => (when.getTime() < T0 + 600_000 ? ['ann'] : ['bob']);
    const policy = policyOf({
      repeat: 1,
      levels: [{ delay: '10m', targets: [{ schedule: 'noc' }] }],
    });
    const ctx = contextOf({ noc });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const looped = step(started.state, policy, at(600), ctx);
    expect(brief([...started.effects, ...looped.effects])).toEqual([
      '0 page 0:0:ann #1',
      '600 escalated 0->0 loop 1 (timeout)',
      '600 page 0:1:bob #1',
    ]);
    expect(ctx.calls).toEqual([
      { target: { schedule: 'noc' }, at: iso(0) },
      { target: { schedule: 'noc' }, at: iso(600) },
    ]);
  });

  it('a level delay of 0 moves on in the same call', () => {
    const policy = policyOf({
      levels: [
        { delay: 0, targets: [{ user: 'ann' }] },
        { delay: '5m', targets: [{ user: 'bob' }] },
      ],
    });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), contextOf());
    expect(brief(started.effects)).toEqual([
      '0 page 0:0:ann #1',
      '0 escalated 0->1 loop 0 (timeout)',
      '0 page 1:0:bob #1',
    ]);
    expect(started.wakeAt).toEqual(at(300));
  });
});

describe('levels with nobody on call', () => {
  it('emits nobody-on-call and moves to the next level at once', () => {
    const policy = policyOf({
      levels: [
        { delay: '5m', targets: [{ user: 'ann' }] },
        { delay: '5m', targets: [{ schedule: 'empty' }] },
        { delay: '5m', targets: [{ user: 'cy' }] },
      ],
    });
    const ctx = contextOf();
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const next = step(started.state, policy, at(300), ctx);
    expect(brief(next.effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 nobody 1:0',
      '300 escalated 1->2 loop 0 (nobody-on-call)',
      '300 page 2:0:cy #1',
    ]);
    expect(next.state).toMatchObject({ level: 2, nextEscalationAt: iso(600) });
  });

  it('passes an empty first level at the start', () => {
    const policy = policyOf({
      levels: [
        { delay: '5m', targets: [{ schedule: 'empty' }] },
        { delay: '5m', targets: [{ user: 'bob' }] },
      ],
    });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), contextOf());
    expect(brief(started.effects)).toEqual([
      '0 nobody 0:0',
      '0 escalated 0->1 loop 0 (nobody-on-call)',
      '0 page 1:0:bob #1',
    ]);
  });

  it('fails over at once when every level is empty, without looping through the passes', () => {
    const policy = policyOf({
      repeat: 20,
      levels: [
        { delay: '5m', targets: [{ schedule: 'a' }] },
        { delay: '5m', targets: [{ schedule: 'b' }] },
      ],
      failover: { email: ['lead@example.com'], users: ['lead'] },
    });
    const started = startEscalation(policy, { priority: 'high' }, at(0), contextOf());
    expect(brief(started.effects)).toEqual([
      '0 nobody 0:0',
      '0 escalated 0->1 loop 0 (nobody-on-call)',
      '0 nobody 1:0',
      '0 failover',
    ]);
    expect(started.state.status).toBe('unanswered');
    expect(started.wakeAt).toBeNull();
    const failover = only(started.effects, 'failover')[0];
    expect(failover).toMatchObject({ emails: ['lead@example.com'], users: ['lead'], pages: [], loops: 1 });
    expect(failover?.tried.map((t) => t.userIds)).toEqual([[], []]);
  });

  it('an empty pass after a level that timed out also fails over at once', () => {
    let nocStaffed = true;
    const policy = policyOf({
      repeat: 5,
      levels: [
        { delay: '5m', targets: [{ schedule: 'noc' }] },
        { delay: '5m', targets: [{ schedule: 'night' }] },
      ],
    });
    const ctx = contextOf({ noc: () => (nocStaffed ? ['ann'] : []) });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    nocStaffed = false;
    const next = step(started.state, policy, at(300), ctx);
    expect(brief(next.effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 nobody 1:0',
      '300 escalated 1->0 loop 1 (nobody-on-call)',
      '300 nobody 0:1',
      '300 failover',
    ]);
  });
});

describe('escalateNow', () => {
  const policy = policyOf({
    levels: [
      { delay: '15m', targets: [{ user: 'ann' }] },
      { delay: '15m', targets: [{ user: 'bob' }] },
    ],
  });
  const ctx = contextOf();

  it('moves to the next level at once and restarts the level timer', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const now = escalateNow(started.state, policy, at(120), ctx);
    expect(brief(now.effects)).toEqual(['120 escalated 0->1 loop 0 (escalate-now)', '120 page 1:0:bob #1']);
    expect(now.state.nextEscalationAt).toBe(iso(120 + 900));
    expect(now.wakeAt).toEqual(at(1020));
    expect(now.state.pages.map((p) => p.pageKey)).toEqual(['0:0:ann', '1:0:bob']);
  });

  it('on the last level of the last pass fails over', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const first = escalateNow(started.state, policy, at(60), ctx);
    const last = escalateNow(first.state, policy, at(90), ctx);
    expect(brief(last.effects)).toEqual(['90 failover']);
    expect(last.state.status).toBe('unanswered');
  });

  it('restarts at the next level once the escalation stopped, never ignoring the request (restart.test.ts has more)', () => {
    const stopOnRead = policyOf({ ...policy, stopOn: 'read' });
    const started = startEscalation(stopOnRead, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, stopOnRead, '0:0:ann', at(30), ctx);
    const now = escalateNow(read.state, stopOnRead, at(60), ctx);
    expect(brief(now.effects)[0]).toBe('60 restarted from stopped');
    expect(now.state.status).toBe('running');
  });
});
