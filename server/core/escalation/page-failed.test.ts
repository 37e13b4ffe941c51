import { describe, expect, it } from 'vitest';
import { startEscalation } from './events.js';
import { pageFailed } from './page-failed.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, policyOf } from './test-support.js';

const ctx = contextOf();
const on = { moveOnWhenAllFailed: true };

describe('pageFailed', () => {
  const policy = policyOf({
    stopOn: 'read',
    levels: [
      { delay: '5m', targets: [{ user: 'ann' }, { user: 'cid' }] },
      { delay: '5m', targets: [{ user: 'bob' }] },
    ],
    failover: { email: ['lead@example.com'] },
  });

  it('moves on at once when every page of the level failed', () => {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    const one = pageFailed(started.state, policy, '0:0:ann', at(5), ctx, on);
    expect(one.effects).toEqual([]);
    expect(one.state.pages[0]).toMatchObject({ failedAt: iso(5), nextRepeatAt: null });
    // Cid's page is still repeating; the level waits for it.
    expect(one.wakeAt).toEqual(at(60));
    const both = pageFailed(one.state, policy, '0:0:cid', at(7), ctx, on);
    expect(brief(both.effects)).toEqual(['7 escalated 0->1 loop 0 (pages-failed)', '7 page 1:0:bob #1']);
    expect(both.state.nextEscalationAt).toBe(iso(307));
  });

  it('fails over at once after the last level, listing the failed pages', () => {
    const single = policyOf({ stopOn: 'read', levels: [{ delay: '5m', targets: [{ user: 'ann' }] }], failover: { email: ['lead@example.com'] } });
    const started = startEscalation(single, { priority: 'medium' }, at(0), ctx);
    const failed = pageFailed(started.state, single, '0:0:ann', at(3), ctx, on);
    expect(brief(failed.effects)).toEqual(['3 failover']);
    const failover = failed.effects[0];
    expect(failover?.type === 'failover' && failover.pages.map((p) => p.state)).toEqual(['failed']);
  });

  it('only records the failure when moving on is turned off', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const off = { moveOnWhenAllFailed: false };
    const failed = pageFailed(pageFailed(started.state, policy, '0:0:ann', at(1), ctx, off).state, policy, '0:0:cid', at(2), ctx, off);
    expect(failed.effects).toEqual([]);
    expect(brief(step(failed.state, policy, at(300), ctx).effects)).toEqual(['300 escalated 0->1 loop 0 (timeout)', '300 page 1:0:bob #1']);
  });

  it('ignores a failure of an earlier level, an unknown page and a second report', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const moved = step(started.state, policy, at(300), ctx);
    expect(pageFailed(moved.state, policy, '0:0:ann', at(301), ctx, on).effects).toEqual([]);
    expect(pageFailed(moved.state, policy, 'nope', at(301), ctx, on).state).toEqual(moved.state);
    const once = pageFailed(moved.state, policy, '1:0:bob', at(302), ctx, on);
    expect(brief(once.effects)).toEqual(['302 failover']);
    expect(pageFailed(once.state, policy, '1:0:bob', at(303), ctx, on).effects).toEqual([]);
  });
});
