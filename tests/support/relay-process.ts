import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MAIN = path.join(ROOT, 'server', 'main.ts');

/** How to start a relay process. */
export interface RelayProcessOptions {
  /** Extra environment (wins over the defaults below; `undefined` removes a variable). */
  env?: Record<string, string | undefined>;
  /** Command-line flags. */
  args?: string[];
  /** Wait for `GET /health` to answer 200 (default true); false for processes expected to fail. */
  waitForHealth?: boolean;
  /** How long to wait for `/health`, in ms. */
  deadlineMs?: number;
  /** Reuse a data folder (to restart on the same database); a new temp folder by default. */
  dataDir?: string;
  /** Listen on this port (to restart where consoles reconnect); a free port by default. */
  port?: number;
}

/** A relay running as a real child process (`node --import tsx server/main.ts`). */
export interface RelayProcess {
  readonly url: string;
  readonly port: number;
  /** The folder holding its SQLite file (`klaxon.db`). */
  readonly dataDir: string;
  readonly dbPath: string;
  /** Every stdout line so far. */
  readonly stdout: string[];
  /** Every stderr line so far. */
  readonly stderr: string[];
  /** How long the process took from spawn to its first `/health` 200, in ms. */
  readonly startupMs: number;
  /** Resolves with the first stdout line matching `pattern`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends `signal` without waiting for anything (e.g. SIGHUP, which the relay answers without exiting). */
  signal(signal: NodeJS.Signals): void;
  /** Sends `signal` and waits for the exit. */
  stop(signal?: NodeJS.Signals): Promise<RelayExit>;
  /** Kills the process at once (SIGKILL) and waits for the exit. */
  kill9(): Promise<RelayExit>;
  /** Resolves when the process has exited. */
  waitForExit(): Promise<RelayExit>;
  /** Kills the process if it still runs and removes its temp folder (for afterAll). */
  dispose(): Promise<void>;
}

/** How a relay process ended. */
export interface RelayExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

const running = new Set<ChildProcess>();
// A test run that crashes must not leave relays behind.
process.once('exit', () => running.forEach((child) => child.kill('SIGKILL')));

/** Returns a TCP port that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function linesOf(stream: NodeJS.ReadableStream, into: string[], onLine: (line: string) => void): void {
  let rest = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop()!;
    for (const line of parts) {
      into.push(line);
      onLine(line);
    }
  });
  stream.on('end', () => {
    if (rest) {
      into.push(rest);
      onLine(rest);
    }
  });
}

/**
 * Starts a real relay on a free port with a temp SQLite database and SMTP off, and (by default)
 * waits until `/health` answers 200 or the deadline passes — failing early, with its stderr, if the
 * process exits first.
 */
export async function startRelayProcess(options: RelayProcessOptions = {}): Promise<RelayProcess> {
  const port = options.port ?? (await freePort());
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'klaxon-relay-'));
  const ownsDataDir = options.dataDir === undefined;
  const dbPath = path.join(dataDir, 'klaxon.db');
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KLAXON_')));
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries({
    ...inherited,
    XDG_DATA_HOME: dataDir,
    KLAXON_HOST: '127.0.0.1',
    KLAXON_PORT: String(port),
    KLAXON_SMTP_PORT: '0',
    KLAXON_DB: dbPath,
    KLAXON_LOG_LEVEL: 'info',
    ...options.env,
  })) {
    if (value !== undefined) env[name] = value;
  }

  const started = performance.now();
  // One node process (no npx/tsx wrapper in between), so signals and SIGKILL reach the relay itself.
  // RELAY_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof") profiles the relay of a bench or test.
  const nodeArgs = process.env.RELAY_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', MAIN, ...(options.args ?? [])], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const lineWaiters = new Set<(line: string) => void>();
  linesOf(child.stdout!, stdout, (line) => lineWaiters.forEach((waiter) => waiter(line)));
  linesOf(child.stderr!, stderr, () => undefined);

  const exited = new Promise<RelayExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      // Let the pipes drain so the last lines are in stdout/stderr.
      setTimeout(() => resolve({ code, signal }), 50);
    });
  });
  let exitInfo: RelayExit | undefined;
  void exited.then((info) => (exitInfo = info));

  const url = `http://127.0.0.1:${port}`;
  let startupMs = NaN;
  if (options.waitForHealth !== false) {
    const deadline = started + (options.deadlineMs ?? 45_000);
    for (;;) {
      if (exitInfo || child.exitCode !== null) {
        await exited;
        throw new Error(`relay exited (${JSON.stringify(exitInfo)}) before /health answered:\n${stderr.join('\n')}`);
      }
      const ok = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) break;
      if (performance.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(`relay did not answer /health within the deadline:\n${stderr.join('\n')}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    startupMs = Math.round(performance.now() - started);
  }

  const waitForExit = () => exited;
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (!exitInfo && child.exitCode === null) child.kill(signal);
    return exited;
  };
  return {
    url,
    port,
    dataDir,
    dbPath,
    stdout,
    stderr,
    startupMs,
    waitForLine(pattern, timeoutMs = 10_000) {
      const seen = stdout.find((line) => pattern.test(line));
      if (seen !== undefined) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          lineWaiters.delete(waiter);
          reject(new Error(`no stdout line matched ${pattern} within ${timeoutMs} ms`));
        }, timeoutMs);
        const waiter = (line: string) => {
          if (!pattern.test(line)) return;
          clearTimeout(timer);
          lineWaiters.delete(waiter);
          resolve(line);
        };
        lineWaiters.add(waiter);
      });
    },
    signal(signal) {
      if (!exitInfo && child.exitCode === null) child.kill(signal);
    },
    stop,
    kill9: () => stop('SIGKILL'),
    waitForExit,
    async dispose() {
      await stop('SIGKILL');
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
