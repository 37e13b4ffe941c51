/** The phone's ring: a Web Audio tone loop and a vibration pattern, repeated until stopped. */
export interface Ringer {
  /** Starts ringing (no effect while it already rings). */
  start(): void;
  /** Stops the tone and the vibration at once. */
  stop(): void;
  /** True while it rings. */
  readonly ringing: boolean;
}

/** What the ringer drives; the browser's by default, fakes in tests. */
export interface RingerDevices {
  makeAudioContext: () => AudioContext;
  /** `navigator.vibrate`, absent on phones without a vibration motor (and iOS Safari). */
  vibrate?: (pattern: number[] | number) => boolean;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

/** One ring cycle: a three-pulse tone and a matching vibration, then a pause. */
export const RING_PERIOD_MS = 1_600;
const VIBRATION = [400, 150, 400, 150, 400];

/**
 * Creates the ringer. Each cycle schedules three 0.3 s pulses on one oscillator through a gain node
 * (so a single AudioContext serves the whole ring) and vibrates; stopping silences the gain, stops
 * the oscillator and cancels the vibration with `vibrate(0)`. A phone without audio still vibrates.
 */
export function createRinger(devices: RingerDevices): Ringer {
  let context: AudioContext | null = null;
  let oscillator: OscillatorNode | null = null;
  let gain: GainNode | null = null;
  let timer: unknown = null;

  const cycle = () => {
    devices.vibrate?.(VIBRATION);
    if (!context || !gain) return;
    if (context.state === 'suspended') void context.resume();
    const t = context.currentTime;
    for (const offset of [0, 0.55, 1.1]) {
      gain.gain.setValueAtTime(0.0001, t + offset);
      gain.gain.exponentialRampToValueAtTime(0.4, t + offset + 0.03);
      gain.gain.setValueAtTime(0.4, t + offset + 0.27);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + offset + 0.3);
    }
  };

  return {
    start() {
      if (timer !== null) return;
      try {
        context ??= devices.makeAudioContext();
        oscillator = context.createOscillator();
        gain = context.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = 960;
        gain.gain.value = 0.0001;
        oscillator.connect(gain).connect(context.destination);
        oscillator.start();
      } catch {
        // No audio output: the vibration and the full-screen page still ring.
        oscillator = null;
        gain = null;
      }
      cycle();
      timer = devices.setInterval(cycle, RING_PERIOD_MS);
    },
    stop() {
      if (timer === null) return;
      devices.clearInterval(timer);
      timer = null;
      try {
        oscillator?.stop();
        oscillator?.disconnect();
      } catch {
        // Already stopped.
      }
      oscillator = null;
      gain = null;
      devices.vibrate?.(0);
    },
    get ringing() {
      return timer !== null;
    },
  };
}

/** The browser's audio and vibration. */
export function browserRingerDevices(win: Window & typeof globalThis): RingerDevices {
  const vibrate = typeof win.navigator.vibrate === 'function' ? win.navigator.vibrate.bind(win.navigator) : undefined;
  return {
    makeAudioContext: () => new win.AudioContext(),
    ...(vibrate ? { vibrate } : {}),
    setInterval: (fn, ms) => win.setInterval(fn, ms),
    clearInterval: (handle) => win.clearInterval(handle as number),
  };
}
