import type { Clock } from '../../app/ports/clock.js';
import { DEFAULT_GUESSING_RULE, guessingVerdict, type GuessingRule, recordMiss } from '../../core/intake/recipient-guessing.js';

/** How many peers' misses are kept at most; the least recently seen are forgotten first. */
const MAX_PEERS = 10_000;

/**
 * Remembers, per peer address, the recipients that had no integration behind them, and tells when a
 * peer has guessed too often (see `GuessingRule`). Each relay keeps its own memory.
 */
export function createRecipientGuard(clock: Clock, rule: GuessingRule = DEFAULT_GUESSING_RULE) {
  const peers = new Map<string, number[]>();
  return {
    /** Whether `peer` is turned away now, and for how long. */
    verdict(peer: string) {
      return guessingVerdict(peers.get(peer) ?? [], rule, clock.now().getTime());
    },
    /** Counts one unknown recipient named by `peer`. */
    miss(peer: string): void {
      const misses = recordMiss(peers.get(peer) ?? [], rule, clock.now().getTime());
      peers.delete(peer);
      peers.set(peer, misses);
      if (peers.size > MAX_PEERS) peers.delete(peers.keys().next().value!);
    },
  };
}

/** The recipient guard, as `createRecipientGuard` builds it. */
export type RecipientGuard = ReturnType<typeof createRecipientGuard>;
