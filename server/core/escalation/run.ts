import type { Policy } from '../../../shared/schemas/policy.js';
import type {
  EscalationContext,
  EscalationEffect,
  EscalationState,
  Instant,
  StepResult,
} from './types.js';

/**
 * The working copy of one engine call: a private clone of the state that the call's helpers change in
 * place, the effects emitted so far, and the pages that already got an effect in this call (a page is
 * sent at most once per call, so catching up after an outage never rings a phone twice at once).
 */
export interface Run {
  readonly state: EscalationState;
  readonly policy: Policy;
  readonly ctx: EscalationContext;
  readonly effects: EscalationEffect[];
  readonly touched: Set<string>;
}

/** Starts a call on a deep copy of `state`, so the caller's value is never changed. */
export function openRun(state: EscalationState, policy: Policy, ctx: EscalationContext): Run {
  return { state: structuredClone(state), policy, ctx, effects: [], touched: new Set() };
}

/** Ends a call: the new state, its effects in order, and the earliest future due time. */
export function closeRun(run: Run): StepResult {
  return { state: run.state, effects: run.effects, wakeAt: wakeAtOf(run.state) };
}

/**
 * The earliest instant anything is due in `state` (the level's timeout or a page repeat), or null when
 * the escalation is no longer running.
 */
export function wakeAtOf(state: EscalationState): Date | null {
  if (state.status !== 'running') return null;
  const boundary = state.nextEscalationAt === null ? Infinity : toMs(state.nextEscalationAt);
  const earliest = Math.min(boundary, earliestRepeatMs(state));
  return Number.isFinite(earliest) ? new Date(earliest) : null;
}

/**
 * The earliest due repeat of an unread page, in epoch milliseconds, or Infinity when none is pending.
 * Only high-priority pages ever get a `nextRepeatAt`, so priority needs no second look here.
 */
export function earliestRepeatMs(state: EscalationState): number {
  let earliest = Infinity;
  for (const page of state.pages) {
    if (page.readAt === null && page.nextRepeatAt !== null) earliest = Math.min(earliest, toMs(page.nextRepeatAt));
  }
  return earliest;
}

/** Reads an instant as epoch milliseconds. */
export function toMs(instant: Instant): number {
  return Date.parse(instant);
}

/** Writes epoch milliseconds as an instant. */
export function toInstant(ms: number): Instant {
  return new Date(ms).toISOString();
}

/** Ends every pending timer of a state that stopped running. */
export function clearTimers(state: EscalationState): void {
  state.nextEscalationAt = null;
  for (const page of state.pages) page.nextRepeatAt = null;
}

/** The run a state is in, or a page belongs to: 0 for the first run (stored states before runs had none). */
export function runOf(value: { run?: number }): number {
  return value.run ?? 0;
}
