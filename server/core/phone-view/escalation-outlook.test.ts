import { describe, expect, it } from 'vitest';
import type { EscalationState } from '../escalation/types.js';
import { escalationOutlook } from './escalation-outlook.js';

const policy = { levels: [{ delay: 60, targets: [{ user: 'bob' }] }, { delay: 60, targets: [{ user: 'cara' }] }], repeat: 0, failover: { email: ['lead@example.com'], users: [] } };
const state = (patch: Partial<EscalationState>): EscalationState => ({
  status: 'running',
  priority: 'high',
  level: 0,
  loop: 0,
  levelStartedAt: '2026-01-01T00:00:00.000Z',
  nextEscalationAt: '2026-01-01T00:01:00.000Z',
  pages: [],
  tried: [],
  acknowledgedAt: null,
  resolvedAt: null,
  endedAt: null,
  stopReason: null,
  ...patch,
});
const running = { escalation: 'running' as const, deferredUntil: null };

describe('escalationOutlook', () => {
  it('counts down to the next level while running', () => {
    expect(escalationOutlook(running, { policy, state: state({}) })).toEqual({
      kind: 'countdown',
      level: 0,
      at: '2026-01-01T00:01:00.000Z',
      next: { kind: 'level', level: 1 },
    });
  });

  it('counts down to the failover on the last level of the last pass, and to level 1 again while passes remain', () => {
    expect(escalationOutlook(running, { policy, state: state({ level: 1 }) })).toMatchObject({ next: { kind: 'failover' } });
    expect(escalationOutlook(running, { policy: { ...policy, repeat: 1 }, state: state({ level: 1 }) })).toMatchObject({ next: { kind: 'level', level: 0 } });
  });

  it('says a read stopped it', () => {
    const stopped = state({ status: 'stopped', stopReason: 'read', endedAt: '2026-01-01T00:00:30.000Z', nextEscalationAt: null });
    expect(escalationOutlook({ ...running, escalation: 'stopped' }, { policy, state: stopped })).toEqual({ kind: 'stopped', reason: 'read', at: '2026-01-01T00:00:30.000Z' });
  });

  it('tells failed over from finished by whether the policy names anyone to fail over to', () => {
    const over = state({ status: 'unanswered', endedAt: '2026-01-01T00:02:00.000Z', nextEscalationAt: null });
    expect(escalationOutlook({ ...running, escalation: 'unanswered' }, { policy, state: over }).kind).toBe('failed-over');
    expect(escalationOutlook({ ...running, escalation: 'unanswered' }, { policy: { ...policy, failover: { email: [], users: [] } }, state: over }).kind).toBe('finished');
  });

  it('reports a held incident and one without an escalation', () => {
    expect(escalationOutlook({ escalation: 'deferred', deferredUntil: '2026-01-01T08:00:00.000Z' }, undefined)).toEqual({ kind: 'deferred', until: '2026-01-01T08:00:00.000Z' });
    expect(escalationOutlook({ escalation: 'none', deferredUntil: null }, undefined)).toEqual({ kind: 'none' });
  });
});
