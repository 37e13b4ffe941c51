import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/relay-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A first start may rebuild the relay bundle with esbuild on a busy machine. */
const STARTUP_MS = 90_000;
/** How soon the relay must be gone after npm alone is told to stop. */
const STOP_MS = 5_000;

/** The parent pid of `pid` from /proc, or null when the process is gone. */
function parentOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return null;
  }
}

/** Every live descendant of `root` (children, their children…), read from /proc. */
function descendantsOf(root: number): number[] {
  const parents = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    const pid = Number(name);
    if (!Number.isInteger(pid)) continue;
    const parent = parentOf(pid);
    if (parent !== null) parents.set(pid, parent);
  }
  const found: number[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const next = [...parents].filter(([, parent]) => frontier.includes(parent)).map(([pid]) => pid);
    found.push(...next);
    frontier = next;
  }
  return found;
}

const alive = (pid: number) => parentOf(pid) !== null && !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');

/** Resolves true when something accepts TCP connections on `port`. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

async function until(check: () => Promise<boolean> | boolean, deadlineMs: number): Promise<boolean> {
  const deadline = Date.now() + deadlineMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

const leftovers: number[] = [];
const folders: string[] = [];
afterEach(() => {
  // Whatever the outcome, no relay of this test outlives it.
  for (const pid of leftovers.splice(0)) if (alive(pid)) process.kill(pid, 'SIGKILL');
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('npm run relay and npm start under a process manager', () => {
  // SIGTERM and SIGINT reach the relay through npm; after a SIGKILL of npm the orphaned relay notices.
  // `npm start` (the launcher; Electron may be missing here, the relay runs on) is tried once each way.
  it.each([
    ['relay', 'SIGTERM'],
    ['relay', 'SIGINT'],
    ['relay', 'SIGKILL'],
    ['start', 'SIGTERM'],
    ['start', 'SIGKILL'],
  ] as const)(
    'npm %s: stops the relay when only the npm process gets %s — the port is freed and no relay process remains',
    async (script, signal) => {
      const dataDir = mkdtempSync(path.join(tmpdir(), 'klaxon-npm-'));
      folders.push(dataDir);
      const port = await freePort();
      // No display: where Electron is installed it cannot open a window, and the launcher runs the relay alone.
      const env = Object.fromEntries(
        Object.entries(process.env).filter(([name]) => !/^(KLAXON_|npm_)|^(DISPLAY|WAYLAND_DISPLAY)$/.test(name)),
      );
      const npm = spawn('npm', ['run', script], {
        cwd: ROOT,
        // Its own process group, as under a process manager: the signal reaches npm and nothing else.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...env, XDG_DATA_HOME: dataDir, KLAXON_DB: path.join(dataDir, 'klaxon.db'), KLAXON_PORT: String(port), KLAXON_HOST: '127.0.0.1', KLAXON_SMTP_PORT: '0' },
      });
      const output: string[] = [];
      npm.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      npm.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
      const npmPid = npm.pid as number;
      leftovers.push(npmPid);

      const healthy = await until(
        () => fetch(`http://127.0.0.1:${port}/health`).then((r) => r.status === 200, () => false),
        STARTUP_MS,
      );
      expect(healthy, output.join('')).toBe(true);
      const relayPids = descendantsOf(npmPid);
      leftovers.push(...relayPids);
      expect(relayPids.length).toBeGreaterThan(0);

      process.kill(npmPid, signal);

      const gone = await until(async () => relayPids.every((pid) => !alive(pid)) && !(await listening(port)), STOP_MS);
      expect({ gone, stillRunning: relayPids.filter(alive), portTaken: await listening(port) }).toEqual({
        gone: true,
        stillRunning: [],
        portTaken: false,
      });
    },
    STARTUP_MS + 30_000,
  );
});
