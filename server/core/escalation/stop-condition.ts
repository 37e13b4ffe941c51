import type { StopOn } from '../../../shared/schemas/policy.js';
import { clearTimers, runOf, toInstant, toMs, type Run } from './run.js';
import type { EscalationState, StopReason } from './types.js';

/** The escalation factor that is met, and for a read the page that was read first. */
export interface StopCause {
  reason: StopReason;
  by?: string;
}

/**
 * Tells whether the escalation factor `stopOn` is met in `state`, and by what. Resolving implies
 * acknowledging, and both imply reading, so `read` stops on any of the three, `acknowledged` on an
 * acknowledge or a resolve, and `resolved` on a resolve only. The strongest fact is reported. Only
 * reads of the current run's pages count.
 */
export function stopCauseOf(state: EscalationState, stopOn: StopOn): StopCause | null {
  if (state.resolvedAt !== null) return { reason: 'resolved' };
  if (stopOn === 'resolved') return null;
  if (state.acknowledgedAt !== null) return { reason: 'acknowledged' };
  if (stopOn === 'acknowledged') return null;
  let first: { key: string; at: number } | null = null;
  const current = runOf(state);
  for (const page of state.pages) {
    // A read from an earlier run answered an earlier page, not this run's.
    if (page.readAt === null || runOf(page) !== current) continue;
    const at = toMs(page.readAt);
    if (first === null || at < first.at) first = { key: page.pageKey, at };
  }
  return first === null ? null : { reason: 'read', by: first.key };
}

/** Stops a running escalation at `at` when its escalation factor is met; tells whether it stopped. */
export function stopIfMet(run: Run, at: number): boolean {
  const { state, policy } = run;
  if (state.status !== 'running') return false;
  const cause = stopCauseOf(state, policy.stopOn);
  if (cause === null) return false;
  state.status = 'stopped';
  state.stopReason = cause.reason;
  state.endedAt = toInstant(at);
  clearTimers(state);
  run.effects.push({
    type: 'stopped',
    at: toInstant(at),
    reason: cause.reason,
    ...(cause.by === undefined ? {} : { by: cause.by }),
  });
  return true;
}
