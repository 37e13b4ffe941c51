import { describe, expect, it } from 'vitest';
import { incidentAcknowledged, pageRead, startEscalation } from './events.js';
import { step } from './step.js';
import { at, brief, contextOf, iso, policyOf, runUntil } from './test-support.js';
import type { EscalationState } from './types.js';

const ctx = contextOf();
const threeLevels = policyOf({
  repeat: 1,
  repeatPageEvery: '1m',
  levels: [
    { delay: '5m', targets: [{ user: 'ann' }] },
    { delay: '5m', targets: [{ user: 'bob' }] },
    { delay: '5m', targets: [{ user: 'cy' }] },
  ],
  failover: { email: ['lead@example.com'] },
});

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('catching up after an outage', () => {
  it('processes every overdue boundary in order, each with its own due time, once', () => {
    const started = startEscalation(threeLevels, { priority: 'medium' }, at(0), ctx);
    const caughtUp = step(started.state, threeLevels, at(3600), ctx);
    expect(brief(caughtUp.effects)).toEqual([
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '600 escalated 1->2 loop 0 (timeout)',
      '600 page 2:0:cy #1',
      '900 escalated 2->0 loop 1 (timeout)',
      '900 page 0:1:ann #1',
      '1200 escalated 0->1 loop 1 (timeout)',
      '1200 page 1:1:bob #1',
      '1500 escalated 1->2 loop 1 (timeout)',
      '1500 page 2:1:cy #1',
      '1800 failover',
    ]);
    expect(caughtUp.state.status).toBe('unanswered');
    expect(step(caughtUp.state, threeLevels, at(3600), ctx).effects).toEqual([]);
  });

  it('gives the same effects as waking at every due time', () => {
    const started = startEscalation(threeLevels, { priority: 'medium' }, at(0), ctx);
    const woken = runUntil(started, threeLevels, ctx, 3600).effects.slice(started.effects.length);
    expect(step(started.state, threeLevels, at(3600), ctx).effects).toEqual(woken);
  });

  it('collapses missed repeats so each page is sent at most once per call', () => {
    const started = startEscalation(threeLevels, { priority: 'high' }, at(0), ctx);
    const caughtUp = step(started.state, threeLevels, at(700), ctx);
    expect(brief(caughtUp.effects)).toEqual([
      '240 page 0:0:ann #2',
      '300 escalated 0->1 loop 0 (timeout)',
      '300 page 1:0:bob #1',
      '600 escalated 1->2 loop 0 (timeout)',
      '600 page 2:0:cy #1',
    ]);
    // Every repeat is back on its page's grid, after `now`.
    expect(caughtUp.state.pages.map((p) => p.nextRepeatAt)).toEqual([iso(720), iso(720), iso(720)]);
    expect(caughtUp.wakeAt).toEqual(at(720));
    expect(brief(step(caughtUp.state, threeLevels, at(720), ctx).effects)).toEqual([
      '720 page 0:0:ann #3',
      '720 page 1:0:bob #2',
      '720 page 2:0:cy #2',
    ]);
  });
});

describe('step', () => {
  it('emits nothing new when called twice with the same now', () => {
    const started = startEscalation(threeLevels, { priority: 'high' }, at(0), ctx);
    for (const seconds of [0, 59, 60, 300, 301, 900, 1800, 5000]) {
      const first = step(started.state, threeLevels, at(seconds), ctx);
      const second = step(first.state, threeLevels, at(seconds), ctx);
      expect(second.effects).toEqual([]);
      expect(second.state).toEqual(first.state);
      expect(second.wakeAt).toEqual(first.wakeAt);
    }
  });

  it('emits nothing before the wake-up time', () => {
    const started = startEscalation(threeLevels, { priority: 'high' }, at(0), ctx);
    const early = step(started.state, threeLevels, at(59.999), ctx);
    expect(early.effects).toEqual([]);
    expect(early.wakeAt).toEqual(at(60));
  });

  it('wakes at the earliest of the level timeout and the page repeats', () => {
    const policy = policyOf({
      repeatPageEvery: '90s',
      levels: [
        { delay: '2m', targets: [{ user: 'ann' }] },
        { delay: '2m', targets: [{ user: 'bob' }] },
      ],
    });
    const wakes: (number | null)[] = [];
    let result = startEscalation(policy, { priority: 'high' }, at(0), ctx);
    wakes.push(result.wakeAt && (result.wakeAt.getTime() - at(0).getTime()) / 1000);
    while (result.wakeAt !== null) {
      result = step(result.state, policy, result.wakeAt, ctx);
      wakes.push(result.wakeAt && (result.wakeAt.getTime() - at(0).getTime()) / 1000);
    }
    // ann repeats at 90, 180; level 1 at 120 with bob repeating at 210; failover at 240.
    expect(wakes).toEqual([90, 120, 180, 210, 240, null]);
  });

  it('returns no effects and no wake-up once stopped', () => {
    const started = startEscalation(threeLevels, { priority: 'high' }, at(0), ctx);
    const acked = incidentAcknowledged(started.state, threeLevels, at(10), ctx);
    const later = step(acked.state, threeLevels, at(100_000), ctx);
    expect(later).toEqual({ state: acked.state, effects: [], wakeAt: null });
  });

  it('is pure: it never changes its inputs', () => {
    const started = startEscalation(threeLevels, { priority: 'high' }, at(0), ctx);
    const state = deepFreeze(structuredClone(started.state));
    const policy = deepFreeze(structuredClone(threeLevels));
    const snapshot = structuredClone(state);
    const result = step(state, policy, at(1000), ctx);
    pageRead(state, policy, '0:0:ann', at(10), ctx);
    expect(state).toEqual(snapshot);
    expect(result.state).not.toBe(state);
  });

  it('is deterministic and works on a JSON round trip of its state', () => {
    const run = (): unknown[] => {
      const results: unknown[] = [];
      let result = startEscalation(threeLevels, { priority: 'high' }, at(0), ctx);
      for (const seconds of [45, 61, 299, 300, 333, 1000, 1801]) {
        const stored = JSON.parse(JSON.stringify(result.state)) as EscalationState;
        result = step(stored, threeLevels, at(seconds), ctx);
        results.push(result);
      }
      return results;
    };
    expect(run()).toEqual(run());
  });
});
