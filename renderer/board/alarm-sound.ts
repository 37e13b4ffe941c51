/** The alarm tone of new high priority incidents: a two-tone chirp repeated while it is on. */
export interface AlarmSound {
  /** Starts repeating the tone (no effect while it already plays). */
  start(): void;
  /** Stops the tone. */
  stop(): void;
  /** True while the tone repeats. */
  readonly playing: boolean;
}

/** Seconds between two chirps. */
const PERIOD_MS = 2_000;

/**
 * Creates the alarm on Web Audio: no sound file to load, and the console's Content-Security-Policy
 * needs no media source. The audio context is made on first use, after the person has interacted
 * with the page (browsers refuse to start audio before that).
 */
export function createAlarmSound(makeContext: () => AudioContext): AlarmSound {
  let context: AudioContext | null = null;
  let timer: ReturnType<typeof setInterval> | null = null;

  const chirp = () => {
    try {
      context ??= makeContext();
      if (context.state === 'suspended') void context.resume();
      const start = context.currentTime;
      for (const [offset, frequency] of [
        [0, 880],
        [0.18, 660],
      ] as const) {
        const oscillator = context.createOscillator();
        const gain = context.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
        oscillator.connect(gain).connect(context.destination);
        oscillator.start(start + offset);
        oscillator.stop(start + offset + 0.17);
      }
    } catch {
      // No audio device (a headless wall screen): the flashing rows still show the alarm.
    }
  };

  return {
    start() {
      if (timer) return;
      chirp();
      timer = setInterval(chirp, PERIOD_MS);
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
    get playing() {
      return timer !== null;
    },
  };
}
