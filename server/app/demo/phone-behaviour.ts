import type { Random } from './seeded-random.js';

/** How one simulated person handles pages on their phone. */
export interface PhoneProfile {
  /** Share of pages (0..1) they read at all; the rest escalate past them. */
  readShare: number;
  /** Share of read pages (0..1) they go on to acknowledge the incident of. */
  acknowledgeShare: number;
  /** Fewest and most seconds between a page's arrival and reading it. */
  readAfterSeconds: readonly [number, number];
  /** Fewest and most seconds between reading and acknowledging. */
  acknowledgeAfterSeconds: readonly [number, number];
}

/**
 * The demo team's habits: Bob and Cara read nearly everything within a few minutes, Dan (on call on
 * weekdays, and overnight tonight) misses about a third, so some pages escalate to Ann at level 2.
 * The level-1 delay of the demo policy is 5 minutes: reads are mostly quicker than that.
 */
export const DEMO_PHONE_PROFILES: Readonly<Record<string, PhoneProfile>> = {
  ann: { readShare: 0.95, acknowledgeShare: 0.7, readAfterSeconds: [15, 150], acknowledgeAfterSeconds: [20, 120] },
  bob: { readShare: 0.9, acknowledgeShare: 0.6, readAfterSeconds: [20, 240], acknowledgeAfterSeconds: [30, 180] },
  cara: { readShare: 0.85, acknowledgeShare: 0.5, readAfterSeconds: [30, 270], acknowledgeAfterSeconds: [30, 240] },
  dan: { readShare: 0.65, acknowledgeShare: 0.5, readAfterSeconds: [40, 420], acknowledgeAfterSeconds: [60, 300] },
};

/** What a simulated person will do about one page: when they read it, when they acknowledge (null: never). */
export interface PageReaction {
  readAt: Date | null;
  acknowledgeAt: Date | null;
}

/**
 * A human-like delay in [min, max] seconds: most are quick, a few are slow (the square of a uniform
 * number leans towards the short end, as people who glance at their phone do).
 */
function humanDelayMs(random: Random, [min, max]: readonly [number, number]): number {
  const r = random();
  return Math.round((min + (max - min) * r * r) * 1000);
}

/**
 * Decides, from `random`, what a person with `profile` does about a page that reached their phone
 * at `receivedAt`. Pure: the same random sequence gives the same reaction.
 */
export function reactToPage(profile: PhoneProfile, receivedAt: Date, random: Random): PageReaction {
  const reads = random() < profile.readShare;
  const acknowledges = random() < profile.acknowledgeShare;
  const readDelay = humanDelayMs(random, profile.readAfterSeconds);
  const ackDelay = humanDelayMs(random, profile.acknowledgeAfterSeconds);
  if (!reads) return { readAt: null, acknowledgeAt: null };
  const readAt = new Date(receivedAt.getTime() + readDelay);
  return { readAt, acknowledgeAt: acknowledges ? new Date(readAt.getTime() + ackDelay) : null };
}
