import { clearTimers, runOf, toInstant, type Run } from './run.js';
import type { EscalationPage, EscalationReason, FailoverPage } from './types.js';

/**
 * The deterministic key of the page a level entry sends to one user. A later run (the escalation
 * started again after a snooze) prefixes its number, so its pages are new pages with new ids; the
 * first run keeps the unprefixed keys that stored escalations already use.
 */
export function pageKeyOf(level: number, loop: number, userId: string, run = 0): string {
  return run === 0 ? `${level}:${loop}:${userId}` : `r${run}:${level}:${loop}:${userId}`;
}

/**
 * Enters `level` of pass `loop` at `at`: resolves its targets at that instant (users deduplicated
 * across targets, first occurrence wins), pages each of them and sets the level's timeout. Returns how
 * many users were paged; with none, the caller moves on.
 */
export function enterLevel(run: Run, level: number, loop: number, at: number): number {
  const { state, policy, ctx } = run;
  const definition = policy.levels[level];
  const when = new Date(at);
  const userIds: string[] = [];
  for (const target of definition?.targets ?? []) {
    for (const userId of ctx.resolveTargets(target, when)) {
      if (!userIds.includes(userId)) userIds.push(userId);
    }
  }
  state.level = level;
  state.loop = loop;
  state.levelStartedAt = toInstant(at);
  state.nextEscalationAt = toInstant(at + (definition?.delay ?? 0) * 1000);
  state.tried.push({ level, loop, at: toInstant(at), userIds });
  const repeats = state.priority === 'high';
  const number = runOf(state);
  for (const userId of userIds) {
    const page: EscalationPage = {
      pageKey: pageKeyOf(level, loop, userId, number),
      userId,
      level,
      loop,
      ...(number === 0 ? {} : { run: number }),
      sentAt: toInstant(at),
      lastSentAt: toInstant(at),
      attempts: 1,
      readAt: null,
      nextRepeatAt: repeats ? toInstant(at + policy.repeatPageEvery * 1000) : null,
    };
    state.pages.push(page);
    run.touched.add(page.pageKey);
    run.effects.push({ type: 'page', at: page.sentAt, pageKey: page.pageKey, userId, level, loop, attempt: 1 });
  }
  if (userIds.length === 0) run.effects.push({ type: 'nobody-on-call', at: toInstant(at), level, loop });
  return userIds.length;
}

/**
 * Enters the first level at `at`, moving on at once while nobody is on call. The caller has checked
 * that the escalation factor is unmet.
 */
export function enterFirstLevel(run: Run, at: number): void {
  if (enterLevel(run, 0, 0, at) === 0) moveOn(run, at, 'nobody-on-call', 1);
}

/**
 * Leaves the current level at `at` for the next one, looping back to the first level while passes
 * remain, and fails over after the last level of the last pass. Levels with nobody on call are passed
 * at once; when every level in a row came up empty at this same instant, trying them again could only
 * give the same answer, so the escalation fails over at once instead of looping through empty passes.
 */
export function moveOn(run: Run, at: number, reason: EscalationReason, emptyInARow = 0): void {
  const { state, policy } = run;
  const levelCount = policy.levels.length;
  let why = reason;
  let empty = emptyInARow;
  for (;;) {
    if (empty >= levelCount) return failover(run, at);
    let next: { level: number; loop: number };
    if (state.level + 1 < levelCount) next = { level: state.level + 1, loop: state.loop };
    else if (state.loop < policy.repeat) next = { level: 0, loop: state.loop + 1 };
    else return failover(run, at);
    run.effects.push({
      type: 'escalated',
      at: toInstant(at),
      fromLevel: state.level,
      toLevel: next.level,
      loop: next.loop,
      reason: why,
    });
    if (enterLevel(run, next.level, next.loop, at) > 0) return;
    empty += 1;
    why = 'nobody-on-call';
  }
}

/** Marks the escalation unanswered at `at` and reports every page and level tried to the failover. */
function failover(run: Run, at: number): void {
  const { state, policy } = run;
  state.status = 'unanswered';
  state.endedAt = toInstant(at);
  clearTimers(state);
  const number = runOf(state);
  // Only this run's pages: the earlier runs ended (acknowledged, snoozed) before it began.
  const pages: FailoverPage[] = state.pages.filter((page) => runOf(page) === number).map((page) => ({
    pageKey: page.pageKey,
    userId: page.userId,
    level: page.level,
    loop: page.loop,
    state: page.readAt !== null ? 'read' : page.failedAt ? 'failed' : 'sent',
    attempts: page.attempts,
    sentAt: page.sentAt,
    lastSentAt: page.lastSentAt,
    readAt: page.readAt,
  }));
  run.effects.push({
    type: 'failover',
    at: toInstant(at),
    emails: [...policy.failover.email],
    users: [...policy.failover.users],
    pages,
    tried: structuredClone(state.tried),
    loops: state.loop + 1,
    ...(number === 0 ? {} : { run: number }),
  });
}
