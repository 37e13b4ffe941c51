import { describe, expect, it } from 'vitest';
import { escalateNow, incidentAcknowledged, incidentResolved, pageRead, startEscalation } from './events.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, policyOf } from './test-support.js';

const ctx = contextOf();
const policy = policyOf({
  stopOn: 'read',
  levels: [
    { delay: '5m', targets: [{ user: 'ann' }] },
    { delay: '5m', targets: [{ user: 'bob' }] },
  ],
});

describe('events', () => {
  it('a read at the very instant a level times out stops the escalation first', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '0:0:ann', at(300), ctx);
    expect(brief(read.effects)).toEqual(['300 stopped read by 0:0:ann']);
  });

  it('catches up with what fell due before the event, then applies it', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '1:0:bob', at(400), ctx);
    expect(brief(read.effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '400 stopped read by 1:0:bob',
    ]);
  });

  it('ignores a page key the escalation does not know, and a second read of a page', () => {
    const stopOnAck = policyOf({ ...policy, stopOn: 'acknowledged' });
    const started = startEscalation(stopOnAck, { priority: 'high' }, at(0), ctx);
    const unknown = pageRead(started.state, stopOnAck, '9:9:zed', at(10), ctx);
    expect(unknown).toEqual({ state: started.state, effects: [], wakeAt: started.wakeAt });
    const first = pageRead(started.state, stopOnAck, '0:0:ann', at(20), ctx);
    const again = pageRead(first.state, stopOnAck, '0:0:ann', at(30), ctx);
    expect(again.effects).toEqual([]);
    expect(again.state.pages[0]?.readAt).toBe(iso(20));
  });

  it('keeps the first acknowledge and resolve times', () => {
    const stopOnResolve = policyOf({ ...policy, stopOn: 'resolved' });
    const started = startEscalation(stopOnResolve, { priority: 'medium' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, stopOnResolve, at(10), ctx);
    const ackedAgain = incidentAcknowledged(acked.state, stopOnResolve, at(20), ctx);
    expect(ackedAgain.state.acknowledgedAt).toBe(iso(10));
    const resolved = incidentResolved(ackedAgain.state, stopOnResolve, at(30), ctx);
    const resolvedAgain = incidentResolved(resolved.state, stopOnResolve, at(40), ctx);
    expect(resolvedAgain.effects).toEqual([]);
    expect(resolvedAgain.state).toMatchObject({ status: 'stopped', resolvedAt: iso(30), endedAt: iso(30) });
  });

  it('escalateNow processes what fell due before it first', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const now = escalateNow(started.state, policy, at(310), ctx);
    expect(brief(now.effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '310 failover',
    ]);
  });

  it('an event result can be stepped like any other', () => {
    const stopOnAck = policyOf({ ...policy, stopOn: 'acknowledged' });
    const started = startEscalation(stopOnAck, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, stopOnAck, '0:0:ann', at(5), ctx);
    expect(brief(step(read.state, stopOnAck, at(300), ctx).effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
    ]);
  });
});
