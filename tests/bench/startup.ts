/**
 * Start-up benchmark: how long from spawning the relay as `npm run relay` does (`node
 * --enable-source-maps server/run.mjs`, npm's own start-up left out) to the first 200 from
 * `/health`, on a fresh temp SQLite database each time (first start: migrations and the admin
 * account included). The same-run baseline is a bare `node -e` HTTP server spawned and polled the
 * same way, so the ratio shows what Klaxon adds over Node's own start. Rounds interleave the two.
 * The bundle is built once before the rounds (a warm `npm run relay`, as after the first start).
 * Prints p50 and max of both, and the ratio.
 *
 *   npx tsx tests/bench/startup.ts [--rounds N] [--size short|long]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../support/relay-process.js';
import { percentile, printReport } from './support/report.js';

const { values: flags } = parseArgs({
  options: { rounds: { type: 'string' }, size: { type: 'string', default: 'short' } },
  strict: false,
});
const ROUNDS = Number(flags.rounds ?? (flags.size === 'long' ? 25 : 7));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** A start that takes longer than this is reported as failed, not waited for. */
const DEADLINE_MS = 30_000;

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

/** Spawns `args`, polls `/health` on `port` until it answers 200, kills the process; returns the ms taken. */
async function timeToHealth(args: string[], port: number, env: Record<string, string>): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  try {
    for (;;) {
      if (exited) throw new Error(`exited before /health answered: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(1000) }).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return performance.now() - started;
      if (performance.now() - started > DEADLINE_MS) throw new Error(`no /health 200 within ${DEADLINE_MS} ms: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await gone;
  }
}

async function bare(): Promise<number> {
  const port = await freePort();
  return timeToHealth(['-e', BARE_SERVER], port, { PORT: String(port) });
}

async function relay(): Promise<number> {
  const port = await freePort();
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-startup-'));
  try {
    return await timeToHealth(['--enable-source-maps', path.join(ROOT, 'server', 'run.mjs')], port, {
      XDG_DATA_HOME: dir,
      KLAXON_HOST: '127.0.0.1',
      KLAXON_PORT: String(port),
      KLAXON_SMTP_PORT: '0',
      KLAXON_DB: path.join(dir, 'klaxon.db'),
      KLAXON_LOG_LEVEL: 'warn',
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // The first start builds the bundle when it is missing or stale; that one is not a round.
  const first = await relay();
  process.stdout.write(`first start (builds the bundle if stale): ${first.toFixed(0)} ms\n`);
  const bareMs: number[] = [];
  const relayMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bareMs.push(await bare());
    relayMs.push(await relay());
  }
  printReport(`start to first /health 200 (${ROUNDS} interleaved rounds, fresh SQLite file each)`, [
    { measure: 'start → /health 200, p50', baseline: percentile(bareMs, 50), klaxon: percentile(relayMs, 50), unit: 'ms' },
    { measure: 'start → /health 200, max', baseline: Math.max(...bareMs), klaxon: Math.max(...relayMs), unit: 'ms' },
  ]);
  process.stdout.write(`target: p50 ≤ 1,000 ms on a quiet machine\n`);
}

await main();
