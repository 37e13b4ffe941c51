import { enterLevel, moveOn } from './levels.js';
import { toInstant, type Run } from './run.js';

/**
 * Starts a stopped or failed-over escalation again at `at`, one step further than it ended: the next
 * level of the same pass, or the first level of a new pass after the last level (a new pass even when
 * the policy's passes are used up, since a person asked for it; the escalation fails over again when
 * that pass runs out). Levels with nobody on call are passed at once, as always. A running escalation,
 * or one whose incident is resolved, is left as it is.
 */
export function restart(run: Run, at: number): void {
  const { state, policy } = run;
  if (state.status === 'running' || state.resolvedAt !== null) return;
  run.effects.push({ type: 'restarted', at: toInstant(at), from: state.status, stopReason: state.stopReason });
  state.status = 'running';
  state.endedAt = null;
  state.stopReason = null;
  const next =
    state.level + 1 < policy.levels.length ? { level: state.level + 1, loop: state.loop } : { level: 0, loop: state.loop + 1 };
  run.effects.push({
    type: 'escalated',
    at: toInstant(at),
    fromLevel: state.level,
    toLevel: next.level,
    loop: next.loop,
    reason: 'escalate-now',
  });
  if (enterLevel(run, next.level, next.loop, at) === 0) moveOn(run, at, 'nobody-on-call', 1);
}
