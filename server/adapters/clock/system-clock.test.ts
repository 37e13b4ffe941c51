import { describe, expect, it } from 'vitest';
import { createSystemClock } from './system-clock.js';

describe('createSystemClock', () => {
  it('tells the current time', () => {
    const before = Date.now();
    const now = createSystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });

  it('runs a timer whose time is past at once, and not a cancelled one', async () => {
    const clock = createSystemClock();
    const fired: string[] = [];
    clock.setTimer(new Date(0), () => fired.push('past'));
    clock.setTimer(new Date(Date.now() + 5), () => fired.push('cancelled')).cancel();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(fired).toEqual(['past']);
  });
});
