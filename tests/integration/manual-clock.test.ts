import { describe, expect, it } from 'vitest';
import { createManualClock } from '../support/manual-clock.js';

const T0 = new Date('2026-11-02T14:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe('createManualClock', () => {
  it('only moves when told', () => {
    const clock = createManualClock(T0);
    expect(clock.now()).toEqual(T0);
    clock.advance(1500);
    expect(clock.now()).toEqual(new Date(T0.getTime() + 1500));
  });

  it('fires due timers in time order, each seeing its own instant', () => {
    const clock = createManualClock(T0);
    const fired: string[] = [];
    clock.setTimer(at(30), () => fired.push(`c@${clock.now().toISOString()}`));
    clock.setTimer(at(10), () => fired.push(`a@${clock.now().toISOString()}`));
    clock.setTimer(at(10), () => fired.push('b (same instant, set later)'));
    clock.setTimer(at(60), () => fired.push('not yet'));
    clock.advance(30_000);
    expect(fired).toEqual([
      'a@2026-11-02T14:00:10.000Z',
      'b (same instant, set later)',
      'c@2026-11-02T14:00:30.000Z',
    ]);
    expect(clock.now()).toEqual(at(30));
    expect(clock.pending()).toBe(1);
  });

  it('runs timers set by a firing timer when they fall due within the same advance', () => {
    const clock = createManualClock(T0);
    const fired: number[] = [];
    const repeat = () => {
      fired.push((clock.now().getTime() - T0.getTime()) / 1000);
      clock.setTimer(new Date(clock.now().getTime() + 60_000), repeat);
    };
    clock.setTimer(at(60), repeat);
    clock.set(at(200));
    expect(fired).toEqual([60, 120, 180]);
  });

  it('fires past timers at once on the next move, skips cancelled ones, and refuses to go back', () => {
    const clock = createManualClock(T0);
    const fired: string[] = [];
    clock.setTimer(at(-5), () => fired.push('past'));
    clock.setTimer(at(1), () => fired.push('cancelled')).cancel();
    clock.advance(0);
    expect(fired).toEqual(['past']);
    clock.advance(5000);
    expect(fired).toEqual(['past']);
    expect(() => clock.set(T0)).toThrow(/cannot go back/);
  });
});
