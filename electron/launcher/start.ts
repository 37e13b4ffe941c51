/**
 * `npm start`: builds what is out of date, starts the relay with demo data, waits for /health, then
 * opens the Electron console. Where Electron cannot start, the relay keeps running and serves the
 * console in a browser. Ctrl+C stops both.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildElectron } from '../build.js';
import { locateElectron } from './electron-binary.js';
import { isStale, mtimeOf, newestMtime } from './freshness.js';
import { stopWhenOrphaned } from '../../server/orphan-watch.mjs';
import { type RelayChild, startRelayChild, waitForHealth } from './relay-child.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const at = (...parts: string[]): string => path.join(ROOT, ...parts);
/** A non-zero exit sooner than this after spawning counts as "Electron could not start". */
const EARLY_EXIT_MS = 5_000;

/** The address consoles use to reach the relay this launcher starts. */
function relayUrl(env: NodeJS.ProcessEnv): string {
  const host = env.KLAXON_HOST && !['0.0.0.0', '::', '[::]'].includes(env.KLAXON_HOST) ? env.KLAXON_HOST : '127.0.0.1';
  return `http://${host.includes(':') ? `[${host}]` : host}:${env.KLAXON_PORT ?? '7300'}`;
}

/** Rebuilds the renderer and the Electron bundles when their outputs are missing or older than the sources. */
async function buildIfStale(): Promise<void> {
  const shared = [at('shared'), at('package.json')];
  if (isStale([mtimeOf(at('dist/renderer/index.html'))], newestMtime([at('renderer'), at('vite.config.ts'), ...shared]))) {
    process.stdout.write('Building the console (vite build)…\n');
    const { build } = await import('vite');
    await build({ configFile: at('vite.config.ts'), logLevel: 'warn' });
  }
  const electronOutputs = [mtimeOf(at('dist/electron/main.js')), mtimeOf(at('dist/electron/preload.cjs'))];
  if (isStale(electronOutputs, newestMtime([at('electron/main'), at('electron/preload'), at('electron/build.ts'), ...shared]))) {
    process.stdout.write('Building the desktop app (electron/build.ts)…\n');
    await buildElectron();
  }
}

/** Starts Electron; resolves with a reason when it could not start, or null once it ran and closed. */
async function runElectron(url: string): Promise<string | null> {
  const binary = await locateElectron();
  if (!binary.ok) return binary.reason;
  // Chromium refuses to run as root with its sandbox on (containers, CI); the page stays sandboxed by Electron.
  const args = [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(binary.path, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, KLAXON_RELAY_URL: url } });
    child.once('error', (error) => resolve(error.message));
    child.once('exit', (code, signal) => {
      const early = Date.now() - started < EARLY_EXIT_MS;
      if (early && code !== 0) resolve(signal ? `it was stopped by ${signal}` : `it exited with code ${code}`);
      else resolve(null);
    });
  });
}

async function main(): Promise<void> {
  await buildIfStale();
  const env = { ...process.env, KLAXON_DEMO: process.env.KLAXON_DEMO ?? '1' };
  const url = relayUrl(env);
  const relay: RelayChild = startRelayChild(ROOT, env);

  let stopping = false;
  const stopAll = (signal: NodeJS.Signals): void => {
    if (stopping) return;
    stopping = true;
    relay.process.kill(signal);
  };
  process.on('SIGINT', () => stopAll('SIGINT'));
  process.on('SIGTERM', () => stopAll('SIGTERM'));
  // Started by npm under a process manager: if npm goes, the relay goes with this launcher.
  stopWhenOrphaned({ onOrphaned: () => stopAll('SIGTERM') });
  void relay.exited.then((code) => process.exit(stopping ? 0 : code));

  if (!(await waitForHealth(url, relay))) {
    process.stderr.write(`The relay did not answer ${url}/health; see its output above.\n`);
    stopAll('SIGTERM');
    return;
  }
  const failure = await runElectron(url);
  if (failure === null) {
    // The console window was closed: the session is over.
    stopAll('SIGTERM');
    return;
  }
  process.stdout.write(`Electron could not start (${failure}); the console is at ${url}/\n`);
}

await main();
