import { describe, expect, it } from 'vitest';
import { escalateNow, incidentAcknowledged, incidentResolved, pageRead, startEscalation } from './events.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, policyOf } from './test-support.js';

const levels = [
  { delay: '5m', targets: [{ user: 'ann' }] },
  { delay: '5m', targets: [{ user: 'bob' }] },
];
const ctx = contextOf();

describe('escalateNow on an escalation that is no longer running', () => {
  it('restarts a stopped-by-read escalation at the next level and says so', () => {
    const policy = policyOf({ stopOn: 'read', levels });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '0:0:ann', at(30), ctx);
    expect(read.state.status).toBe('stopped');

    const now = escalateNow(read.state, policy, at(40), ctx);
    expect(brief(now.effects)).toEqual(['40 restarted from stopped', '40 escalated 0->1 loop 0 (escalate-now)', '40 page 1:0:bob #1']);
    expect(now.state).toMatchObject({ status: 'running', level: 1, stopReason: null, endedAt: null, nextEscalationAt: iso(340) });
    expect(now.wakeAt).toEqual(at(340));
    // Bob reads: it stops again, this time for good.
    const bobRead = pageRead(now.state, policy, '1:0:bob', at(50), ctx);
    expect(bobRead.state.status).toBe('stopped');
  });

  it('restarts an acknowledged escalation, and fails over again when the levels run out', () => {
    const policy = policyOf({ stopOn: 'acknowledged', levels, failover: { email: ['lead@example.com'] } });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, policy, at(10), ctx);
    const now = escalateNow(acked.state, policy, at(20), ctx);
    expect(brief(now.effects)).toEqual(['20 restarted from stopped', '20 escalated 0->1 loop 0 (escalate-now)', '20 page 1:0:bob #1']);
    expect(brief(step(now.state, policy, at(320), ctx).effects)).toEqual(['320 failover']);
  });

  it('restarts a failed-over escalation with a new pass from the first level', () => {
    const policy = policyOf({ stopOn: 'read', levels, repeat: 0 });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const unanswered = step(step(started.state, policy, at(300), ctx).state, policy, at(600), ctx);
    expect(unanswered.state.status).toBe('unanswered');
    const now = escalateNow(unanswered.state, policy, at(700), ctx);
    expect(brief(now.effects)).toEqual(['700 restarted from unanswered', '700 escalated 1->0 loop 1 (escalate-now)', '700 page 0:1:ann #1']);
    expect(now.effects[0]).toMatchObject({ from: 'unanswered', stopReason: null });
    expect(now.state.status).toBe('running');
  });

  it('leaves the escalation of a resolved incident alone', () => {
    const policy = policyOf({ stopOn: 'read', levels });
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const resolved = incidentResolved(started.state, policy, at(10), ctx);
    const now = escalateNow(resolved.state, policy, at(20), ctx);
    expect(now.effects).toEqual([]);
    expect(now.state.status).toBe('stopped');
  });
});
