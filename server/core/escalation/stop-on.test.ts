import { describe, expect, it } from 'vitest';
import { incidentAcknowledged, incidentResolved, pageRead, startEscalation } from './events.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, policyOf } from './test-support.js';

const levels = [
  { delay: '5m', targets: [{ user: 'ann' }] },
  { delay: '5m', targets: [{ user: 'bob' }] },
];
const ctx = contextOf();

describe('stopOn read', () => {
  const policy = policyOf({ stopOn: 'read', levels });

  it('stops when any page is read, naming the page', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '0:0:ann', at(30), ctx);
    expect(brief(read.effects)).toEqual(['30 stopped read by 0:0:ann']);
    expect(read.state.status).toBe('stopped');
    expect(read.state.stopReason).toBe('read');
    expect(read.state.endedAt).toBe(iso(30));
    expect(read.wakeAt).toBeNull();
    expect(step(read.state, policy, at(3600), ctx).effects).toEqual([]);
  });

  it('stops on a read of an earlier level page after escalating', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const escalated = step(started.state, policy, at(300), ctx);
    const read = pageRead(escalated.state, policy, '0:0:ann', at(310), ctx);
    expect(brief(read.effects)).toEqual(['310 stopped read by 0:0:ann']);
  });

  it('also stops on an acknowledge or a resolve, reporting the stronger fact', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    expect(brief(incidentAcknowledged(started.state, policy, at(10), ctx).effects)).toEqual([
      '10 stopped acknowledged',
    ]);
    expect(brief(incidentResolved(started.state, policy, at(10), ctx).effects)).toEqual(['10 stopped resolved']);
  });
});

describe('stopOn acknowledged', () => {
  const policy = policyOf({ stopOn: 'acknowledged', levels });

  it('does not stop on a read, and escalates at the timeout', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '0:0:ann', at(30), ctx);
    expect(read.effects).toEqual([]);
    expect(read.state.status).toBe('running');
    expect(read.state.pages[0]?.readAt).toBe(iso(30));
    expect(read.wakeAt).toEqual(at(300));
    expect(brief(step(read.state, policy, at(300), ctx).effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
    ]);
  });

  it('stops on an acknowledge', () => {
    const started = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, policy, at(45), ctx);
    expect(brief(acked.effects)).toEqual(['45 stopped acknowledged']);
    expect(acked.state.acknowledgedAt).toBe(iso(45));
    expect(acked.wakeAt).toBeNull();
    expect(acked.state.pages.every((p) => p.nextRepeatAt === null)).toBe(true);
  });

  it('stops on a resolve', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    expect(brief(incidentResolved(started.state, policy, at(45), ctx).effects)).toEqual(['45 stopped resolved']);
  });
});

describe('stopOn resolved', () => {
  const policy = policyOf({ stopOn: 'resolved', levels });

  it('keeps escalating through reads and acknowledges, and stops only on a resolve', () => {
    const started = startEscalation(policy, { priority: 'medium' }, at(0), ctx);
    const read = pageRead(started.state, policy, '0:0:ann', at(10), ctx);
    const acked = incidentAcknowledged(read.state, policy, at(20), ctx);
    expect([...read.effects, ...acked.effects]).toEqual([]);
    expect(acked.state.status).toBe('running');
    expect(acked.state.acknowledgedAt).toBe(iso(20));
    const escalated = step(acked.state, policy, at(300), ctx);
    expect(brief(escalated.effects)).toEqual(['300 escalated 0->1 loop 0 (timeout)', '300 page 1:0:bob #1']);
    const resolved = incidentResolved(escalated.state, policy, at(400), ctx);
    expect(brief(resolved.effects)).toEqual(['400 stopped resolved']);
    expect(resolved.state.status).toBe('stopped');
    expect(resolved.wakeAt).toBeNull();
  });
});

describe('facts already met at the start', () => {
  it('returns a stopped escalation that pages nobody', () => {
    const policy = policyOf({ stopOn: 'acknowledged', levels });
    const started = startEscalation(policy, { priority: 'high', acknowledgedAt: iso(-60) }, at(0), ctx);
    expect(brief(started.effects)).toEqual(['0 stopped acknowledged']);
    expect(started.state.status).toBe('stopped');
    expect(started.state.pages).toEqual([]);
    expect(started.wakeAt).toBeNull();
  });

  it('starts normally when the facts do not meet the factor', () => {
    const policy = policyOf({ stopOn: 'resolved', levels });
    const started = startEscalation(policy, { priority: 'high', acknowledgedAt: iso(-60) }, at(0), ctx);
    expect(brief(started.effects)).toEqual(['0 page 0:0:ann #1']);
    expect(started.state.acknowledgedAt).toBe(iso(-60));
  });
});
