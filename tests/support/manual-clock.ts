import type { Clock, TimerHandle } from '../../server/app/ports/clock.js';

interface PendingTimer {
  at: number;
  seq: number;
  fn: () => void;
  cancelled: boolean;
}

/** A clock that only moves when a test moves it, firing due timers in time order. */
export interface ManualClock extends Clock {
  /** Moves time forward by `ms`, firing every timer due on the way, earliest first. */
  advance(ms: number): void;
  /** Moves time to `date` (never backwards), firing every timer due on the way, earliest first. */
  set(date: Date): void;
  /** How many timers wait to fire. */
  pending(): number;
}

/**
 * Creates a manual clock starting at `start`. Timers due at the same instant fire in the order they
 * were set; a timer set while others fire runs in the same advance if it is already due.
 */
export function createManualClock(start: Date = new Date('2026-11-02T14:00:00Z')): ManualClock {
  let now = start.getTime();
  let seq = 0;
  let timers: PendingTimer[] = [];

  const runUntil = (target: number) => {
    for (;;) {
      timers = timers.filter((t) => !t.cancelled);
      const due = timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      timers = timers.filter((t) => t !== due);
      // Time stands at the timer's own instant while it runs, so its now() matches its due time.
      now = Math.max(now, due.at);
      due.fn();
    }
    now = Math.max(now, target);
  };

  return {
    now: () => new Date(now),
    setTimer(at: Date, fn: () => void): TimerHandle {
      const timer: PendingTimer = { at: at.getTime(), seq: seq++, fn, cancelled: false };
      timers.push(timer);
      return {
        cancel() {
          timer.cancelled = true;
        },
      };
    },
    advance(ms: number) {
      if (ms < 0) throw new Error(`a manual clock cannot go back (advance(${ms}))`);
      runUntil(now + ms);
    },
    set(date: Date) {
      if (date.getTime() < now) throw new Error(`a manual clock cannot go back to ${date.toISOString()}`);
      runUntil(date.getTime());
    },
    pending: () => timers.filter((t) => !t.cancelled).length,
  };
}
