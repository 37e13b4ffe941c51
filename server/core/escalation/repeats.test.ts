import { describe, expect, it } from 'vitest';
import { incidentAcknowledged, pageRead, startEscalation } from './events.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, policyOf, runUntil } from './test-support.js';

const ctx = contextOf();

describe('repeat until read', () => {
  const policy = policyOf({
    repeatPageEvery: '1m',
    levels: [
      { delay: '5m', targets: [{ user: 'ann' }] },
      { delay: '5m', targets: [{ user: 'bob' }] },
    ],
  });

  it('re-sends an unread high-priority page every repeatPageEvery, counting attempts', () => {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    expect(started.wakeAt).toEqual(at(60));
    const { effects } = runUntil(started, policy, ctx, 240);
    expect(brief(effects)).toEqual([
      '0 page 0:0:ann #1',
      '60 page 0:0:ann #2',
      '120 page 0:0:ann #3',
      '180 page 0:0:ann #4',
      '240 page 0:0:ann #5',
    ]);
  });

  it('never repeats medium or low priority pages', () => {
    for (const priority of ['medium', 'low'] as const) {
      const started = startEscalation(policy, { priority }, at(0), ctx);
      expect(started.wakeAt).toEqual(at(300));
      expect(started.state.pages[0]?.nextRepeatAt).toBeNull();
      const { effects } = runUntil(started, policy, ctx, 599);
      expect(brief(effects)).toEqual(['0 page 0:0:ann #1', '300 escalated 0->1 loop 0 (timeout)', '300 page 1:0:bob #1']);
    }
  });

  it('keeps nagging the people of earlier levels after escalating', () => {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    const { effects } = runUntil(started, policy, ctx, 420);
    expect(brief(effects).filter((e) => Number(e.split(' ')[0]) >= 300)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '300 page 0:0:ann #6',
      '360 page 0:0:ann #7',
      '360 page 1:0:bob #2',
      '420 page 0:0:ann #8',
      '420 page 1:0:bob #3',
    ]);
  });

  it('stops repeating a page once read, while other unread pages go on', () => {
    const stopOnAck = policyOf({ ...policy, stopOn: 'acknowledged' });
    const started = startEscalation(stopOnAck, { priority: 'high' }, at(0), ctx);
    const escalated = runUntil(started, stopOnAck, ctx, 300).result;
    const read = pageRead(escalated.state, stopOnAck, '0:0:ann', at(310), ctx);
    expect(read.effects).toEqual([]);
    expect(read.state.pages.find((p) => p.pageKey === '0:0:ann')).toMatchObject({
      readAt: iso(310),
      nextRepeatAt: null,
      attempts: 6,
    });
    expect(read.wakeAt).toEqual(at(360));
    expect(brief(runUntil(read, stopOnAck, ctx, 480).effects)).toEqual([
      '360 page 1:0:bob #2',
      '420 page 1:0:bob #3',
      '480 page 1:0:bob #4',
    ]);
  });

  it('stops every repeat when the escalation stops', () => {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, policy, at(90), ctx);
    expect(acked.wakeAt).toBeNull();
    expect(step(acked.state, policy, at(10_000), ctx).effects).toEqual([]);
  });

  it('stops every repeat at failover, a repeat due at the same instant included', () => {
    const single = policyOf({ repeatPageEvery: '1m', levels: [{ delay: '2m', targets: [{ user: 'ann' }] }] });
    const { effects, result } = runUntil(startEscalation(single, { priority: 'high' }, at(0), ctx), single, ctx, 9999);
    expect(brief(effects)).toEqual(['0 page 0:0:ann #1', '60 page 0:0:ann #2', '120 failover']);
    expect(result.state.pages[0]?.nextRepeatAt).toBeNull();
  });

  it('a repeat due at a level boundary comes after the boundary', () => {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    const before = runUntil(started, policy, ctx, 299).result;
    expect(before.wakeAt).toEqual(at(300));
    expect(brief(step(before.state, policy, at(300), ctx).effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '300 page 0:0:ann #6',
    ]);
  });

  it('emits collapsed repeats of several pages in time order', () => {
    const staggered = policyOf({
      repeatPageEvery: '1m',
      levels: [
        { delay: '30s', targets: [{ user: 'ann' }] },
        { delay: '10m', targets: [{ user: 'bob' }] },
      ],
    });
    const started = startEscalation(staggered, { priority: 'high' }, at(0), ctx);
    const second = step(started.state, staggered, at(30), ctx);
    // ann repeats on 60, 120, 180…; bob on 90, 150, 210…: the latest missed slots are 180 and 150.
    expect(brief(step(second.state, staggered, at(200), ctx).effects)).toEqual([
      '150 page 1:0:bob #2',
      '180 page 0:0:ann #2',
    ]);
  });
});
