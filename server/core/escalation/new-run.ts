import type { Policy } from '../../../shared/schemas/policy.js';
import { applyAt } from './events.js';
import { enterFirstLevel } from './levels.js';
import { clearTimers, runOf, toInstant } from './run.js';
import type { EscalationContext, EscalationState, StepResult } from './types.js';

/**
 * The incident was triggered again at `now` (its snooze ended): the escalation starts again from the
 * first level as a new run, whatever it was doing (stopped by the acknowledgement, failed over, or
 * still running under `stopOn: resolved`). The acknowledgement no longer counts, the old pages stop
 * repeating, and the new run's pages get new keys (`pageKeyOf` with the run number), so they are new
 * pages that old reads do not answer. A resolved incident's escalation is left as it is.
 */
export function startNewRun(state: EscalationState, policy: Policy, now: Date, ctx: EscalationContext): StepResult {
  return applyAt(state, policy, now, ctx, (run, at) => {
    const { state: current } = run;
    if (current.resolvedAt !== null) return;
    const from = current.status;
    const number = runOf(current) + 1;
    clearTimers(current);
    current.run = number;
    current.status = 'running';
    current.acknowledgedAt = null;
    current.endedAt = null;
    current.stopReason = null;
    run.effects.push({ type: 'new-run', at: toInstant(at), run: number, from });
    enterFirstLevel(run, at);
  });
}
