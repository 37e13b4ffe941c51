/**
 * The rule against recipient guessing on the SMTP ingest: a peer that names `maxUnknown` recipients
 * with no integration behind them within `windowMs` is turned away until the oldest of those misses
 * leaves the window.
 */
export interface GuessingRule {
  maxUnknown: number;
  windowMs: number;
}

/** The default rule: 10 unknown recipients in 10 minutes. */
export const DEFAULT_GUESSING_RULE: GuessingRule = { maxUnknown: 10, windowMs: 10 * 60_000 };

/** Drops the misses (instants in ms) that have left the window at `nowMs`; keeps the order. */
export function recentMisses(misses: readonly number[], rule: GuessingRule, nowMs: number): number[] {
  return misses.filter((at) => at > nowMs - rule.windowMs && at <= nowMs);
}

/**
 * Records one unknown recipient at `nowMs` (pure: the caller keeps the result). Only the last
 * `maxUnknown` misses are kept, which is all the rule looks at, so a peer's memory stays small.
 */
export function recordMiss(misses: readonly number[], rule: GuessingRule, nowMs: number): number[] {
  return [...recentMisses(misses, rule, nowMs), nowMs].slice(-rule.maxUnknown);
}

/**
 * Tells whether a peer with these misses is turned away at `nowMs`, and for how many seconds more
 * (until enough misses leave the window).
 */
export function guessingVerdict(
  misses: readonly number[],
  rule: GuessingRule,
  nowMs: number,
): { throttled: false } | { throttled: true; retryAfterSeconds: number } {
  const recent = recentMisses(misses, rule, nowMs);
  if (recent.length < rule.maxUnknown) return { throttled: false };
  const oldest = recent[recent.length - rule.maxUnknown]!;
  return { throttled: true, retryAfterSeconds: Math.max(1, Math.ceil((oldest + rule.windowMs - nowMs) / 1000)) };
}
