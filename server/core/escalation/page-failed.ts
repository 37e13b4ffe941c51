import type { Policy } from '../../../shared/schemas/policy.js';
import { applyAt } from './events.js';
import { moveOn } from './levels.js';
import { runOf, toInstant } from './run.js';
import type { EscalationContext, EscalationState, StepResult } from './types.js';

/** How the engine treats a page that cannot reach its person. */
export interface PageFailedOptions {
  /**
   * When every page of the current level has failed, move on to the next level at once instead of
   * waiting out the level's delay (nobody can read a page that never arrived).
   */
  moveOnWhenAllFailed: boolean;
}

/**
 * Records at `now` that page `pageKey` could not reach its person on any channel: it is no longer
 * repeated, the failover report lists it as failed, and — when `moveOnWhenAllFailed` and every page
 * of the current level has now failed — the escalation moves on at once (`escalated` with reason
 * `pages-failed`), failing over after the last level as a timeout would. A page the escalation does
 * not know, one already read or already failed, changes nothing.
 */
export function pageFailed(
  state: EscalationState,
  policy: Policy,
  pageKey: string,
  now: Date,
  ctx: EscalationContext,
  options: PageFailedOptions,
): StepResult {
  return applyAt(state, policy, now, ctx, (run, at) => {
    const page = run.state.pages.find((p) => p.pageKey === pageKey);
    if (page === undefined || page.readAt !== null || page.failedAt) return;
    page.failedAt = toInstant(at);
    page.nextRepeatAt = null;
    const { state: current } = run;
    if (!options.moveOnWhenAllFailed || current.status !== 'running') return;
    const inLevel = (p: typeof page) => p.level === current.level && p.loop === current.loop && runOf(p) === runOf(current);
    if (!inLevel(page)) return;
    const level = current.pages.filter(inLevel);
    if (level.every((p) => p.failedAt && p.readAt === null)) moveOn(run, at, 'pages-failed');
  });
}
