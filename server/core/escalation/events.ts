import type { Policy } from '../../../shared/schemas/policy.js';
import { advance } from './advance.js';
import { enterFirstLevel, moveOn } from './levels.js';
import { restart } from './restart.js';
import { closeRun, openRun, toInstant, type Run } from './run.js';
import { stopIfMet } from './stop-condition.js';
import type { EscalationContext, EscalationStart, EscalationState, StepResult } from './types.js';

/**
 * Applies one event at `now` the same way for every event: first whatever fell due strictly before
 * `now` (so a late call sees the escalation where it should be), then the event, then whatever is due
 * at `now` itself. An event arriving at the very instant a level times out therefore wins: a read that
 * meets the escalation factor stops it before it escalates.
 */
export function applyAt(
  state: EscalationState,
  policy: Policy,
  now: Date,
  ctx: EscalationContext,
  apply: (run: Run, at: number) => void,
): StepResult {
  const run = openRun(state, policy, ctx);
  const at = now.getTime();
  advance(run, at, false);
  apply(run, at);
  advance(run, at, true);
  return closeRun(run);
}

/**
 * Starts an incident's escalation at `now` on its frozen policy snapshot: pages the first level's
 * users (moving on at once past levels with nobody on call) and sets the level's timeout. When the
 * incident facts already meet the escalation factor, it returns a stopped escalation and pages nobody.
 */
export function startEscalation(
  policy: Policy,
  incident: EscalationStart,
  now: Date,
  ctx: EscalationContext,
): StepResult {
  const at = now.getTime();
  const initial: EscalationState = {
    status: 'running',
    priority: incident.priority,
    level: 0,
    loop: 0,
    levelStartedAt: toInstant(at),
    nextEscalationAt: null,
    pages: [],
    tried: [],
    acknowledgedAt: incident.acknowledgedAt ?? null,
    resolvedAt: incident.resolvedAt ?? null,
    endedAt: null,
    stopReason: null,
  };
  const run = openRun(initial, policy, ctx);
  if (!stopIfMet(run, at)) {
    enterFirstLevel(run, at);
    advance(run, at, true);
  }
  return closeRun(run);
}

/**
 * Records that the person holding page `pageKey` read it at `now`: the page is no longer repeated, and
 * with the escalation factor `read` the escalation stops (`stopped` with `by: pageKey`). A page key the
 * escalation does not know, or a page already read, changes nothing; the read is still recorded after
 * the escalation ended, for the post-mortem, but emits nothing.
 */
export function pageRead(
  state: EscalationState,
  policy: Policy,
  pageKey: string,
  now: Date,
  ctx: EscalationContext,
): StepResult {
  return applyAt(state, policy, now, ctx, (run, at) => {
    const page = run.state.pages.find((p) => p.pageKey === pageKey);
    if (page === undefined || page.readAt !== null) return;
    page.readAt = toInstant(at);
    page.nextRepeatAt = null;
    stopIfMet(run, at);
  });
}

/** Records the first time an incident fact became true, then checks the escalation factor. */
function recordFact(fact: 'acknowledgedAt' | 'resolvedAt') {
  return (run: Run, at: number) => {
    if (run.state[fact] !== null) return;
    run.state[fact] = toInstant(at);
    stopIfMet(run, at);
  };
}

/**
 * Records that the incident was acknowledged at `now` (the first acknowledgement counts); this stops
 * escalations whose factor is `read` or `acknowledged`, not those that wait for `resolved`.
 */
export function incidentAcknowledged(
  state: EscalationState,
  policy: Policy,
  now: Date,
  ctx: EscalationContext,
): StepResult {
  return applyAt(state, policy, now, ctx, recordFact('acknowledgedAt'));
}

/** Records that the incident was resolved at `now` (the first resolve counts); this stops any escalation. */
export function incidentResolved(
  state: EscalationState,
  policy: Policy,
  now: Date,
  ctx: EscalationContext,
): StepResult {
  return applyAt(state, policy, now, ctx, recordFact('resolvedAt'));
}

/**
 * "Escalate now" / "I can't take it": leaves the current level at `now` for the next one without
 * waiting for its timeout (`escalated` with reason `escalate-now`); on the last level of the last pass
 * this fails over. Pages already sent keep their state (and, for high priority, keep repeating until
 * read). An escalation that stopped or failed over is started again one step further (`restarted`,
 * then `escalated`; see `restart`), so the request is never silently ignored; only a resolved
 * incident's escalation is left as it is (the app layer refuses that request).
 */
export function escalateNow(
  state: EscalationState,
  policy: Policy,
  now: Date,
  ctx: EscalationContext,
): StepResult {
  return applyAt(state, policy, now, ctx, (run, at) => {
    if (run.state.status === 'running') moveOn(run, at, 'escalate-now');
    else restart(run, at);
  });
}
