import { moveOn } from './levels.js';
import { repeatDuePages } from './repeats.js';
import { earliestRepeatMs, toMs, type Run } from './run.js';

/**
 * Processes everything due up to `until` (inclusive, or strictly before it when `inclusive` is false)
 * in time order: each level timeout in turn, with its own due time, and the page repeats between them.
 * When a timeout and a repeat fall due at the same instant the timeout goes first, so a failover at that
 * instant is not preceded by one last repeat. Stops early once the escalation is no longer running.
 */
export function advance(run: Run, until: number, inclusive: boolean): void {
  const isDue = (t: number): boolean => (inclusive ? t <= until : t < until);
  const { state } = run;
  while (state.status === 'running') {
    const boundary = state.nextEscalationAt === null ? Infinity : toMs(state.nextEscalationAt);
    const repeat = earliestRepeatMs(state);
    if (boundary <= repeat) {
      if (!isDue(boundary)) return;
      moveOn(run, boundary, 'timeout');
      continue;
    }
    if (!isDue(repeat)) return;
    // Repeat pages up to the next boundary (exclusive) or `until`, whichever comes first.
    if (isDue(boundary)) repeatDuePages(run, boundary, true);
    else repeatDuePages(run, until, !inclusive);
  }
}
