import { describe, expect, it } from 'vitest';
import { createRinger, RING_PERIOD_MS, type RingerDevices } from './ringer.js';

function fakeDevices() {
  const calls: string[] = [];
  const vibrations: (number[] | number)[] = [];
  let tick: (() => void) | null = null;
  const param = { value: 0, setValueAtTime: () => calls.push('gain'), exponentialRampToValueAtTime: () => calls.push('ramp') };
  const context = {
    state: 'running',
    currentTime: 0,
    destination: {},
    createOscillator: () => {
      calls.push('oscillator');
      return { type: '', frequency: { value: 0 }, connect: (n: unknown) => n, start: () => calls.push('start'), stop: () => calls.push('stop'), disconnect: () => calls.push('disconnect') };
    },
    createGain: () => ({ gain: param, connect: (n: unknown) => n }),
  };
  const devices: RingerDevices = {
    makeAudioContext: () => context as unknown as AudioContext,
    vibrate: (pattern) => (vibrations.push(pattern), true),
    setInterval: (fn, ms) => {
      expect(ms).toBe(RING_PERIOD_MS);
      tick = fn;
      return 1;
    },
    clearInterval: () => (tick = null),
  };
  return { devices, calls, vibrations, tick: () => tick?.(), intervalSet: () => tick !== null };
}

describe('the phone ringer', () => {
  it('plays a tone loop and vibrates every cycle until stopped, then cancels the vibration', () => {
    const fake = fakeDevices();
    const ringer = createRinger(fake.devices);
    ringer.start();
    ringer.start();
    expect(ringer.ringing).toBe(true);
    expect(fake.calls.filter((c) => c === 'oscillator')).toHaveLength(1);
    expect(fake.calls).toContain('start');
    expect(fake.vibrations).toEqual([[400, 150, 400, 150, 400]]);
    fake.tick();
    expect(fake.vibrations).toHaveLength(2);

    ringer.stop();
    expect(ringer.ringing).toBe(false);
    expect(fake.intervalSet()).toBe(false);
    expect(fake.calls).toContain('stop');
    expect(fake.vibrations.at(-1)).toBe(0);
  });

  it('still vibrates where there is no audio', () => {
    const fake = fakeDevices();
    const ringer = createRinger({ ...fake.devices, makeAudioContext: () => { throw new Error('no audio'); } });
    ringer.start();
    expect(ringer.ringing).toBe(true);
    expect(fake.vibrations).toHaveLength(1);
    ringer.stop();
  });
});
