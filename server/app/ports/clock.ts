/** A cancel handle for a timer. */
export interface TimerHandle {
  cancel(): void;
}

/**
 * Time as the app layer sees it. Only `main.ts` builds the system clock; tests use a manual clock
 * that fires due timers in order when advanced, so nothing ever sleeps to wait for an escalation.
 */
export interface Clock {
  now(): Date;
  /** Runs `fn` once at `at` (at once if `at` is past). */
  setTimer(at: Date, fn: () => void): TimerHandle;
}
