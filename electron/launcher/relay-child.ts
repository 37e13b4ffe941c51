import { type ChildProcess, spawn } from 'node:child_process';

/** A relay started by the launcher. */
export interface RelayChild {
  readonly process: ChildProcess;
  /** Resolves with the exit code (or 1 after a signal) when the relay has ended. */
  readonly exited: Promise<number>;
}

/**
 * Starts the relay (`node server/run.mjs`, the bundled relay) in `root`, sharing this terminal. The relay gets its own
 * process group so that Ctrl+C reaches it once, through the launcher (a second signal would make the
 * relay skip its graceful shutdown).
 */
export function startRelayChild(root: string, env: NodeJS.ProcessEnv): RelayChild {
  const child = spawn(process.execPath, ['--enable-source-maps', 'server/run.mjs'], {
    cwd: root,
    env,
    stdio: 'inherit',
    detached: process.platform !== 'win32',
  });
  const exited = new Promise<number>((resolve) => {
    child.once('exit', (code) => resolve(code ?? 1));
    child.once('error', () => resolve(1));
  });
  return { process: child, exited };
}

/**
 * Polls `${url}/health` until it answers 200. Resolves true then, false when the relay exits first
 * or `deadlineMs` passes.
 */
export async function waitForHealth(url: string, relay: RelayChild, deadlineMs = 60_000): Promise<boolean> {
  let ended = false;
  void relay.exited.then(() => (ended = true));
  const deadline = Date.now() + deadlineMs;
  while (!ended && Date.now() < deadline) {
    const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1_000) }).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ok) return true;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return false;
}
