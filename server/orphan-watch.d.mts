/**
 * When this process was started by npm (`npm_lifecycle_event` is set) or `force` is true, checks
 * every quarter second whether its parent has gone; then calls `onOrphaned` once (by default, sends
 * this process SIGTERM so its own graceful shutdown runs). Returns a function that stops watching.
 */
export function stopWhenOrphaned(options?: { force?: boolean; onOrphaned?: () => void }): () => void;
