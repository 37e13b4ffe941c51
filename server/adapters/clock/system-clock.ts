import type { Clock, TimerHandle } from '../../app/ports/clock.js';

/** Node's timers overflow above 2^31-1 ms (about 24.8 days), so longer waits are chained. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Creates the real wall clock. Only `main.ts` (and `startRelay` when no clock is given) builds it;
 * the app layer sees the `Clock` port, and tests use a manual clock instead.
 */
export function createSystemClock(): Clock {
  return {
    now: () => new Date(),
    setTimer(at: Date, fn: () => void): TimerHandle {
      let timer: NodeJS.Timeout | undefined;
      let cancelled = false;
      const arm = () => {
        if (cancelled) return;
        const wait = at.getTime() - Date.now();
        if (wait > MAX_TIMEOUT_MS) {
          timer = setTimeout(arm, MAX_TIMEOUT_MS);
        } else {
          timer = setTimeout(() => {
            if (!cancelled) fn();
          }, Math.max(0, wait));
        }
        // A pending wake-up must not keep the process alive on its own at shutdown.
        timer.unref();
      };
      arm();
      return {
        cancel() {
          cancelled = true;
          if (timer) clearTimeout(timer);
        },
      };
    },
  };
}
