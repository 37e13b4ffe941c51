// Stops a process started by npm when npm is told to stop. npm runs a script through `sh -c`, and
// on SIGTERM/SIGINT it signals that shell only; the shell (dash) dies without passing the signal on,
// and the relay would live on as an orphan holding its port. So a process whose parent is gone
// sends itself the signal it would have had, and stops as it does on Ctrl+C.
import { readFileSync } from 'node:fs';

/** How often the parent is checked, in ms. */
const CHECK_MS = 250;

/**
 * Returns the current parent pid of this process: from /proc where there is one (Node's
 * `process.ppid` is read once at start and never changes), otherwise whether the first parent
 * still answers `kill(pid, 0)`, as that pid or null.
 *
 * @param {number} firstParent the parent pid at start
 * @returns {number | null}
 */
function currentParent(firstParent) {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    try {
      process.kill(firstParent, 0);
      return firstParent;
    } catch (error) {
      return error && error.code === 'EPERM' ? firstParent : null;
    }
  }
}

/**
 * When this process was started by npm (`npm_lifecycle_event` is set) or `force` is true, checks
 * every quarter second whether its parent has gone; then calls `onOrphaned` once (by default, sends
 * this process SIGTERM so its own graceful shutdown runs). The check never keeps the process alive.
 * Returns a function that stops watching.
 *
 * @param {{ force?: boolean, onOrphaned?: () => void }} [options]
 * @returns {() => void}
 */
export function stopWhenOrphaned(options = {}) {
  if (!options.force && !process.env.npm_lifecycle_event) return () => undefined;
  const firstParent = process.ppid;
  const onOrphaned = options.onOrphaned ?? (() => process.kill(process.pid, 'SIGTERM'));
  const timer = setInterval(() => {
    if (currentParent(firstParent) === firstParent) return;
    clearInterval(timer);
    onOrphaned();
  }, CHECK_MS);
  timer.unref();
  return () => clearInterval(timer);
}
