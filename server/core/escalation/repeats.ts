import { toInstant, toMs, type Run } from './run.js';
import type { EscalationPage } from './types.js';

/**
 * Re-sends every unread page whose repeat falls due up to `bound` (before it when `strict`), in time
 * order. Repeats run on each page's own grid, `sentAt + k × repeatPageEvery`. Missed slots collapse: a
 * page that is overdue by several slots is re-sent once, at the latest of them, and a page that already
 * got an effect in this call (its first send, or a repeat before a level boundary) skips its slots, so a
 * catch-up after an outage never floods a phone. The caller guarantees no level boundary lies inside
 * the window, so the pages' repeats do not interact with anything else.
 */
export function repeatDuePages(run: Run, bound: number, strict: boolean): void {
  // The repeat interval is at least 10 s by schema; guard anyway so a bad snapshot cannot spin.
  const every = Math.max(run.policy.repeatPageEvery, 1) * 1000;
  const due: { page: EscalationPage; slot: number; order: number }[] = [];
  run.state.pages.forEach((page, order) => {
    if (page.readAt !== null || page.nextRepeatAt === null) return;
    const next = toMs(page.nextRepeatAt);
    if (next > bound || (strict && next === bound)) return;
    let slot = next + Math.floor((bound - next) / every) * every;
    if (strict && slot === bound) slot -= every;
    due.push({ page, slot, order });
  });
  due.sort((a, b) => a.slot - b.slot || a.order - b.order);
  for (const { page, slot } of due) {
    page.nextRepeatAt = toInstant(slot + every);
    if (run.touched.has(page.pageKey)) continue;
    run.touched.add(page.pageKey);
    page.attempts += 1;
    page.lastSentAt = toInstant(slot);
    run.effects.push({
      type: 'page',
      at: page.lastSentAt,
      pageKey: page.pageKey,
      userId: page.userId,
      level: page.level,
      loop: page.loop,
      attempt: page.attempts,
    });
  }
}
