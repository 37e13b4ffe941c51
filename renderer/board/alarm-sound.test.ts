import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type AlarmAudioContext, BLOCKED_GRACE_MS, createAlarmSound } from './alarm-sound.js';

/** A Web Audio context whose autoplay policy the test sets: `allowGesture` lets a pending resume run. */
function fakeContext(startState: AudioContextState, autoplayAllowed: boolean) {
  let onStateChange: (() => void) | null = null;
  const pendingResumes: (() => void)[] = [];
  const fake = {
    state: startState,
    tones: 0,
    currentTime: 0,
    destination: {},
    addEventListener: (_name: string, listener: () => void) => (onStateChange = listener),
    setState(state: AudioContextState) {
      fake.state = state;
      onStateChange?.();
    },
    resume(): Promise<void> {
      if (autoplayAllowed) {
        fake.setState('running');
        return Promise.resolve();
      }
      // Chromium leaves the promise pending until the page gets a gesture.
      return new Promise<void>((resolve) => pendingResumes.push(resolve));
    },
    /** A click: the browser now lets the context run, and the pending resumes finish. */
    allowGesture() {
      autoplayAllowed = true;
      fake.setState('running');
      pendingResumes.splice(0).forEach((resolve) => resolve());
    },
    createOscillator: () => {
      fake.tones += 1;
      return { type: '', frequency: { value: 0 }, connect: (next: unknown) => next, start() {}, stop() {} };
    },
    createGain: () => ({ gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} }, connect: (next: unknown) => next }),
  };
  return fake;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('createAlarmSound', () => {
  it('reports itself blocked when the browser keeps audio suspended, and plays no tone', async () => {
    const context = fakeContext('suspended', false);
    const sound = createAlarmSound(() => context as unknown as AlarmAudioContext);
    const changes: boolean[] = [];
    sound.onBlockedChange((blocked) => changes.push(blocked));
    sound.start();
    expect(sound.playing).toBe(true);
    expect(sound.blocked).toBe(false);
    await vi.advanceTimersByTimeAsync(BLOCKED_GRACE_MS);
    expect(sound.blocked).toBe(true);
    expect(changes).toEqual([true]);
    await vi.advanceTimersByTimeAsync(6_000);
    expect(context.tones).toBe(0);
  });

  it('is unblocked by a gesture and chirps at once', async () => {
    const context = fakeContext('suspended', false);
    const sound = createAlarmSound(() => context as unknown as AlarmAudioContext);
    sound.start();
    await vi.advanceTimersByTimeAsync(BLOCKED_GRACE_MS);
    expect(sound.blocked).toBe(true);
    const unlocked = sound.unlock();
    context.allowGesture();
    await unlocked;
    expect(sound.blocked).toBe(false);
    expect(context.tones).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(context.tones).toBe(4);
  });

  it('does not call a context blocked that starts suspended for a moment and then runs', async () => {
    const context = fakeContext('suspended', true);
    const sound = createAlarmSound(() => context as unknown as AlarmAudioContext);
    const changes: boolean[] = [];
    sound.onBlockedChange((blocked) => changes.push(blocked));
    sound.probe();
    await vi.advanceTimersByTimeAsync(BLOCKED_GRACE_MS * 2);
    expect(sound.blocked).toBe(false);
    expect(changes).toEqual([]);
    sound.start();
    expect(context.tones).toBe(2);
  });

  it('probes before any alarm, so a blocked console says so before the first high incident', async () => {
    const context = fakeContext('suspended', false);
    const sound = createAlarmSound(() => context as unknown as AlarmAudioContext);
    sound.probe();
    await vi.advanceTimersByTimeAsync(BLOCKED_GRACE_MS);
    expect(sound.blocked).toBe(true);
    expect(sound.playing).toBe(false);
  });

  it('stays quiet without failing where there is no audio device at all', async () => {
    const sound = createAlarmSound(() => {
      throw new Error('no audio device');
    });
    sound.probe();
    sound.start();
    await sound.unlock();
    await vi.advanceTimersByTimeAsync(BLOCKED_GRACE_MS);
    expect(sound.blocked).toBe(false);
    expect(sound.playing).toBe(true);
    sound.stop();
    expect(sound.playing).toBe(false);
  });
});
