import { describe, expect, it } from 'vitest';
import { incidentAcknowledged, incidentResolved, pageRead, startEscalation } from './events.js';
import { pageKeyOf } from './levels.js';
import { startNewRun } from './new-run.js';
import { pageFailed } from './page-failed.js';
import { parseEscalationState } from './state-schema.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, only, policyOf, runUntil } from './test-support.js';

const levels = [
  { delay: '5m', targets: [{ user: 'ann' }] },
  { delay: '5m', targets: [{ user: 'bob' }] },
];
const ctx = contextOf();

describe('startNewRun (a snooze ended)', () => {
  it('starts an acknowledged escalation again from the first level with new page keys', () => {
    const policy = policyOf({ stopOn: 'acknowledged', levels });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, policy, at(10), ctx);
    expect(acked.state.status).toBe('stopped');

    const again = startNewRun(acked.state, policy, at(900), ctx);
    expect(brief(again.effects)).toEqual(['900 run 1 from stopped', '900 page r1:0:0:ann #1']);
    expect(again.state).toMatchObject({ status: 'running', run: 1, level: 0, loop: 0, acknowledgedAt: null, stopReason: null, endedAt: null });
    expect(again.state.nextEscalationAt).toBe(iso(1200));
    expect(again.wakeAt).toEqual(at(1200));
    // The old page is still there, under its old key; the new one is a second page for ann.
    expect(again.state.pages.map((p) => p.pageKey)).toEqual(['0:0:ann', 'r1:0:0:ann']);
    // It escalates per the policy as the first run did.
    expect(brief(step(again.state, policy, at(1200), ctx).effects)).toEqual(['1200 escalated 0->1 loop 0 (timeout)', '1200 page r1:1:0:bob #1']);
    // The state still reads back from the store.
    expect(parseEscalationState(JSON.parse(JSON.stringify(again.state)))).toEqual({ ok: true, state: again.state });
  });

  it('does not let a read of an earlier run stop the new one', () => {
    const policy = policyOf({ stopOn: 'read', levels });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '0:0:ann', at(30), ctx);
    expect(read.state.status).toBe('stopped');
    const again = startNewRun(read.state, policy, at(600), ctx);
    expect(again.state.status).toBe('running');
    // A late read of the old page changes nothing; reading the new page stops the run.
    const late = pageRead(again.state, policy, '0:0:ann', at(610), ctx);
    expect(late.effects).toEqual([]);
    expect(late.state.status).toBe('running');
    const fresh = pageRead(again.state, policy, 'r1:0:0:ann', at(620), ctx);
    expect(brief(fresh.effects)).toEqual(['620 stopped read by r1:0:0:ann']);
  });

  it('numbers every later run anew, so each run pages with keys of its own', () => {
    const policy = policyOf({ stopOn: 'acknowledged', levels });
    let state = incidentAcknowledged(startEscalation(policy, { priority: 'high' }, at(0), ctx).state, policy, at(5), ctx).state;
    const keys = new Set<string>(state.pages.map((p) => p.pageKey));
    for (const [n, t] of [[1, 100], [2, 200], [3, 300]] as const) {
      const again = startNewRun(state, policy, at(t), ctx);
      const pages = only(again.effects, 'page');
      expect(pages.map((p) => p.pageKey)).toEqual([pageKeyOf(0, 0, 'ann', n)]);
      for (const p of pages) {
        expect(keys.has(p.pageKey)).toBe(false);
        keys.add(p.pageKey);
      }
      state = incidentAcknowledged(again.state, policy, at(t + 5), ctx).state;
    }
    expect(state.run).toBe(3);
  });

  it('replaces a still-running escalation (stopOn resolved): old repeats end, the new run starts at level 1', () => {
    const policy = policyOf({ stopOn: 'resolved', levels, repeatPageEvery: '1m' });
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, policy, at(10), ctx);
    expect(acked.state.status).toBe('running');
    const again = startNewRun(acked.state, policy, at(30), ctx);
    expect(brief(again.effects)).toEqual(['30 run 1 from running', '30 page r1:0:0:ann #1']);
    expect(again.state.pages.find((p) => p.pageKey === '0:0:ann')?.nextRepeatAt).toBeNull();
    // Only the new page repeats.
    const { effects } = runUntil(again, policy, ctx, 150);
    expect(only(effects, 'page').map((p) => `${p.pageKey}#${p.attempt}`)).toEqual(['r1:0:0:ann#1', 'r1:0:0:ann#2', 'r1:0:0:ann#3']);
  });

  it('leaves a resolved incident alone', () => {
    const policy = policyOf({ stopOn: 'acknowledged', levels });
    const resolved = incidentResolved(startEscalation(policy, { priority: 'medium' }, at(0), ctx).state, policy, at(10), ctx);
    const again = startNewRun(resolved.state, policy, at(600), ctx);
    expect(again.effects).toEqual([]);
    expect(again.state).toEqual(resolved.state);
    expect(again.wakeAt).toBeNull();
  });

  it('fails over with only the new run\'s pages, and counts failures within the run only', () => {
    const policy = policyOf({ stopOn: 'acknowledged', levels, repeat: 0, failover: { email: ['lead@example.com'] } });
    const acked = incidentAcknowledged(startEscalation(policy, { priority: 'medium' }, at(0), ctx).state, policy, at(10), ctx);
    const again = startNewRun(acked.state, policy, at(100), ctx);
    const failed = pageFailed(again.state, policy, 'r1:0:0:ann', at(110), ctx, { moveOnWhenAllFailed: true });
    expect(brief(failed.effects)).toEqual(['110 escalated 0->1 loop 0 (pages-failed)', '110 page r1:1:0:bob #1']);
    const over = step(failed.state, policy, at(410), ctx);
    const [failover] = only(over.effects, 'failover');
    expect(failover?.run).toBe(1);
    expect(failover?.pages.map((p) => p.pageKey)).toEqual(['r1:0:0:ann', 'r1:1:0:bob']);
  });
});
