/**
 * The alarm tone of new high priority incidents: a two-tone chirp repeated while it is on. It also
 * says whether the browser lets it be heard: after a reload a browser keeps audio suspended until the
 * person clicks or types (its autoplay policy), and a tone that nobody hears must not pass for one.
 */
export interface AlarmSound {
  /** Starts repeating the tone (no effect while it already plays). */
  start(): void;
  /** Stops the tone. */
  stop(): void;
  /** True while the tone repeats. */
  readonly playing: boolean;
  /** True while the browser keeps audio suspended (its autoplay policy): the tone would be silent. */
  readonly blocked: boolean;
  /**
   * Finds out whether audio may start now (makes the audio context if need be); the answer comes
   * through `onBlockedChange`, and `blocked` holds it.
   */
  probe(): void;
  /**
   * Asks the browser to let audio start; call it from a click or key press (a user gesture), the
   * only moment a blocked context may resume.
   */
  unlock(): Promise<void>;
  /** Calls `listener` each time `blocked` changes; answers a function that stops the calls. */
  onBlockedChange(listener: (blocked: boolean) => void): () => void;
}

/** Milliseconds between two chirps. */
const PERIOD_MS = 2_000;
/**
 * How long a context may stay suspended before the alarm calls itself blocked: a context the
 * browser allows can still start suspended for a moment while its audio thread starts.
 */
export const BLOCKED_GRACE_MS = 400;

/** The part of Web Audio's AudioContext the alarm uses (a fake one in tests). */
export type AlarmAudioContext = Pick<
  AudioContext,
  'state' | 'resume' | 'currentTime' | 'createOscillator' | 'createGain' | 'destination' | 'addEventListener'
>;

/**
 * Creates the alarm on Web Audio: no sound file to load, and the console's Content-Security-Policy
 * needs no media source. The audio context is made on first use; when the browser holds it
 * suspended (no gesture yet since the page loaded) the alarm reports itself blocked until a gesture
 * passed to `unlock` lets it run.
 */
export function createAlarmSound(makeContext: () => AlarmAudioContext): AlarmSound {
  let context: AlarmAudioContext | null = null;
  let unavailable = false;
  let timer: ReturnType<typeof setInterval> | null = null;
  let blocked = false;
  let grace: ReturnType<typeof setTimeout> | null = null;
  const listeners = new Set<(blocked: boolean) => void>();

  const setBlocked = (value: boolean) => {
    if (blocked === value) return;
    blocked = value;
    for (const listener of listeners) listener(value);
  };
  /** Running (or closed) is known at once; suspended counts as blocked once it lasts past the grace. */
  const check = () => {
    if (context?.state !== 'suspended') {
      if (grace) clearTimeout(grace);
      grace = null;
      setBlocked(false);
    } else if (!grace && !blocked) {
      grace = setTimeout(() => {
        grace = null;
        setBlocked(context?.state === 'suspended');
      }, BLOCKED_GRACE_MS);
    }
  };

  /** The context, made on first use; null when this machine has no audio at all. */
  const ensureContext = (): AlarmAudioContext | null => {
    if (context || unavailable) return context;
    try {
      context = makeContext();
      context.addEventListener('statechange', check);
    } catch {
      // No audio device (a headless wall screen): the flashing rows still show the alarm.
      unavailable = true;
    }
    return context;
  };

  /** Asks a suspended context to run; Chromium leaves the promise pending (not rejected) when blocked. */
  const resume = (audio: AlarmAudioContext): Promise<void> => {
    if (audio.state !== 'suspended') return Promise.resolve();
    return audio.resume().then(check, check);
  };

  const chirp = () => {
    const audio = ensureContext();
    if (!audio) return;
    void resume(audio);
    check();
    if (audio.state !== 'running') return;
    try {
      const start = audio.currentTime;
      for (const [offset, frequency] of [
        [0, 880],
        [0.18, 660],
      ] as const) {
        const oscillator = audio.createOscillator();
        const gain = audio.createGain();
        oscillator.type = 'square';
        oscillator.frequency.value = frequency;
        gain.gain.setValueAtTime(0.0001, start + offset);
        gain.gain.exponentialRampToValueAtTime(0.15, start + offset + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + offset + 0.16);
        oscillator.connect(gain).connect(audio.destination);
        oscillator.start(start + offset);
        oscillator.stop(start + offset + 0.17);
      }
    } catch {
      // A context closed under us (device unplugged): the next chirp tries again.
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
    get blocked() {
      return blocked;
    },
    probe() {
      const audio = ensureContext();
      if (audio) void resume(audio);
      check();
    },
    async unlock() {
      const audio = ensureContext();
      if (!audio) return;
      const resumed = resume(audio);
      check();
      await resumed;
      // The tone resumes at the next chirp; play one now so the person hears that it works.
      if (timer && audio.state === 'running') chirp();
    },
    onBlockedChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
