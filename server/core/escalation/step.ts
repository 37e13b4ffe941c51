import type { Policy } from '../../../shared/schemas/policy.js';
import { advance } from './advance.js';
import { closeRun, openRun } from './run.js';
import type { EscalationContext, EscalationState, StepResult } from './types.js';

/**
 * Moves an escalation forward to `now`: every level timeout and page repeat due at or before `now` is
 * processed in time order, each effect carrying its own due time `at`. After an outage, every overdue
 * level boundary is processed in turn (each level's targets resolved at that boundary's instant), and
 * each page gets at most one effect per call (missed repeats collapse into one). Calling it again with
 * the same `now` emits nothing. A stopped or unanswered escalation returns no effects and no wake-up.
 *
 * `policy` must be the incident's frozen policy snapshot, the same value on every call. The function is
 * pure: the same inputs give the same outputs, and `state` is never changed.
 */
export function step(state: EscalationState, policy: Policy, now: Date, ctx: EscalationContext): StepResult {
  const run = openRun(state, policy, ctx);
  advance(run, now.getTime(), true);
  return closeRun(run);
}
