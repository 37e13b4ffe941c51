/** How often a healthy wallboard asks the relay for fresh statistics. */
export const POLL_MS = 5000;

/** The longest a wallboard waits between attempts while the relay is away. */
export const MAX_RETRY_MS = 30_000;

/**
 * How long to wait before the next request: every 5 s while the relay answers; after `failures`
 * failures in a row, 2 s, 4 s, 8 s … up to 30 s, so a restarted relay is seen again within 30 s
 * without a room of wall screens hammering it. A refused token is retried at the slowest pace (a
 * manager may be fixing it, and a relay restart never invalidates a token).
 */
export function nextPollDelay(failures: number, refused: boolean): number {
  if (refused) return MAX_RETRY_MS;
  if (failures <= 0) return POLL_MS;
  return Math.min(MAX_RETRY_MS, 1000 * 2 ** Math.min(failures, 5));
}
