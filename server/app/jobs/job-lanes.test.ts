import { describe, expect, it } from 'vitest';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import type { JobRecord } from '../ports/store.js';
import { createJobLanes } from './job-lanes.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const job = (id: string, incidentId: string | null): JobRecord => ({ id, kind: 'test', incidentId, dueAt: T0, payload: {}, attempts: 1 });

/** Lets pending promise callbacks run (no time passes on any clock). */
const flush = async () => {
  for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
};

/** Lanes whose jobs wait until the test releases them by id. */
function lanesUnderTest(slotTimeoutMs = 10_000) {
  const clock = createManualClock(T0);
  const started: string[] = [];
  const finished: string[] = [];
  const errors: string[] = [];
  const release = new Map<string, () => void>();
  const lanes = createJobLanes({
    clock,
    slotTimeoutMs,
    run: (j) =>
      new Promise<void>((resolve) => {
        started.push(j.id);
        release.set(j.id, resolve);
      }),
    onError: (error) => errors.push(error instanceof Error ? error.message : String(error)),
    onFinished: (j) => finished.push(j.id),
    onSettled: () => {},
  });
  const done = async (id: string) => {
    release.get(id)!();
    await flush();
  };
  return { clock, lanes, started, finished, errors, done };
}

describe('job lanes', () => {
  it('runs the jobs of different incidents at once', async () => {
    const t = lanesUnderTest();
    t.lanes.launch(job('a', 'incident-1'));
    t.lanes.launch(job('b', 'incident-2'));
    t.lanes.launch(job('c', null));
    await flush();
    expect(t.started).toEqual(['a', 'b', 'c']);
    expect(t.lanes.busy()).toBe(3);
    await t.done('b');
    expect(t.finished).toEqual(['b']);
    expect(t.lanes.busy()).toBe(2);
  });

  it('runs the jobs of one incident one after the other, in the order handed over', async () => {
    const t = lanesUnderTest();
    t.lanes.launch(job('step', 'incident-1'));
    t.lanes.launch(job('send', 'incident-1'));
    t.lanes.launch(job('other', 'incident-2'));
    await flush();
    expect(t.started).toEqual(['step', 'other']);
    await t.done('step');
    expect(t.started).toEqual(['step', 'other', 'send']);
    await t.done('send');
    expect(t.finished).toEqual(['step', 'send']);
  });

  it('gives a slow job\'s slot to other work after the slot timeout, keeping its incident\'s order', async () => {
    const t = lanesUnderTest(10_000);
    t.lanes.launch(job('slow-smtp', 'incident-1'));
    t.lanes.launch(job('after-it', 'incident-1'));
    await flush();
    t.clock.advance(9_999);
    await flush();
    expect(t.lanes.busy()).toBe(2);
    t.clock.advance(1);
    await flush();
    expect(t.lanes.busy()).toBe(0);
    expect(t.errors).toEqual([
      'job slow-smtp (test) still runs after 10000 ms; its slot goes to other work',
      'job after-it (test) still runs after 10000 ms; its slot goes to other work',
    ]);
    // The incident's next job still waits for the slow one, which may yet finish.
    expect(t.started).toEqual(['slow-smtp']);
    await t.done('slow-smtp');
    expect(t.started).toEqual(['slow-smtp', 'after-it']);
    expect(t.finished).toEqual(['slow-smtp']);
  });

  it('does not start a job again while the same id is in hand', async () => {
    const t = lanesUnderTest();
    expect(t.lanes.launch(job('a', null))).toBe(true);
    expect(t.lanes.launch(job('a', null))).toBe(false);
    await flush();
    expect(t.started).toEqual(['a']);
    await t.done('a');
    expect(t.lanes.launch(job('a', null))).toBe(true);
  });

  it('reports a failed job and does not count it as finished', async () => {
    const clock = createManualClock(T0);
    const errors: unknown[] = [];
    const finished: string[] = [];
    const lanes = createJobLanes({
      clock,
      slotTimeoutMs: 1_000,
      run: async (j) => {
        if (j.id === 'bad') throw new Error('provider said no');
      },
      onError: (error, j) => errors.push([j?.id, (error as Error).message]),
      onFinished: (j) => finished.push(j.id),
      onSettled: () => {},
    });
    lanes.launch(job('bad', 'incident-1'));
    lanes.launch(job('good', 'incident-1'));
    await lanes.settled();
    expect(errors).toEqual([['bad', 'provider said no']]);
    expect(finished).toEqual(['good']);
  });
});
