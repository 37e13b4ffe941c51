/**
 * Start-up benchmark: how long from spawning the relay as `npm run relay` does (`node
 * --enable-source-maps server/run.mjs`, npm's own start-up left out) to the first 200 from
 * `/health`, on a fresh temp SQLite database each time (first start: migrations and the admin
 * account included). The same-run baseline is a bare `node -e` HTTP server spawned and polled the
 * same way, so the ratio shows what Klaxon adds over Node's own start. Rounds interleave the two.
 * The bundle and its code cache are made once before the rounds (a warm `npm run relay`, as after
 * the first start). Prints p50 and max of the wall time, the p50 of the CPU time the process used
 * (steadier than wall time on a shared machine), and the ratios.
 *
 *   npx tsx tests/bench/startup.ts [--rounds N] [--size short|long]
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort } from '../support/relay-process.js';
import { percentile, printReport } from './support/report.js';

const { values: flags } = parseArgs({
  options: { rounds: { type: 'string' }, size: { type: 'string', default: process.env.KLAXON_BENCH_SIZE ?? 'short' } },
  strict: false,
});
const ROUNDS = Number(flags.rounds ?? (flags.size === 'long' ? 25 : 7));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The relay's V8 code cache (see server/run.mjs). */
const CODE_CACHE = path.join(ROOT, 'dist', 'relay', 'klaxon-relay.cjs.v8cache');
/** A start that takes longer than this is reported as failed, not waited for. */
const DEADLINE_MS = 30_000;

const BARE_SERVER = `require('node:http').createServer((q, s) => s.end('ok')).listen(Number(process.env.PORT), '127.0.0.1')`;

/** Wall time and the process's own CPU time (user + system) from spawn to the first `/health` 200. */
interface StartFigures {
  wallMs: number;
  /** NaN where /proc is missing (not Linux). */
  cpuMs: number;
}

/** The CPU time process `pid` has used so far, from /proc (Linux), in ms. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Spawns `args`, polls `/health` on `port` until it answers 200, then (after `keepUntil`, if given)
 * kills the process; returns the figures.
 */
async function timeToHealth(args: string[], port: number, env: Record<string, string>, keepUntil?: () => Promise<void>): Promise<StartFigures> {
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
      if (ok) {
        const figures = { wallMs: performance.now() - started, cpuMs: cpuMsOf(child.pid) };
        await keepUntil?.();
        return figures;
      }
      if (performance.now() - started > DEADLINE_MS) throw new Error(`no /health 200 within ${DEADLINE_MS} ms: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGKILL');
    await gone;
  }
}

async function bare(): Promise<StartFigures> {
  const port = await freePort();
  return timeToHealth(['-e', BARE_SERVER], port, { PORT: String(port) });
}

async function relay(keepUntil?: () => Promise<void>): Promise<StartFigures> {
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
    }, keepUntil);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  // The first start builds the bundle when it is missing or stale, and runs until the relay has
  // written its code cache (as any relay that runs a few seconds does); it is not a round.
  const first = await relay(async () => {
    const until = Date.now() + DEADLINE_MS;
    while (!existsSync(CODE_CACHE) && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
  });
  process.stdout.write(`first start (builds the bundle if stale, no code cache yet): ${first.wallMs.toFixed(0)} ms, ${first.cpuMs} ms CPU\n`);
  const bares: StartFigures[] = [];
  const relays: StartFigures[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bares.push(await bare());
    relays.push(await relay());
  }
  const row = (measure: string, pick: (f: StartFigures) => number, stat: (values: number[]) => number) => ({
    measure,
    baseline: stat(bares.map(pick)),
    klaxon: stat(relays.map(pick)),
    unit: 'ms',
  });
  const max = (values: number[]) => Math.max(...values);
  printReport(`start to first /health 200 (${ROUNDS} interleaved rounds, fresh SQLite file each)`, [
    row('start → /health 200, p50', (f) => f.wallMs, (v) => percentile(v, 50)),
    row('start → /health 200, max', (f) => f.wallMs, max),
    row('CPU used until /health 200, p50', (f) => f.cpuMs, (v) => percentile(v, 50)),
  ]);
  process.stdout.write(`target: p50 ≤ 1,000 ms on a quiet machine\n`);
}

await main();
