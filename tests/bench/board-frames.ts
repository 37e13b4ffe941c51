/**
 * Board frame bench: does the console stay smooth with `--incidents N` (5000) open incidents while
 * `--rate R` (50) updates a second stream in? Starts a real relay (child process, temp SQLite file)
 * with the example team, opens N incidents through `/v2/enqueue` (2 % high, the rest medium/low),
 * then re-sends alerts for random incidents at R a second (each one folds in and pushes
 * `incident:updated`) for the rest of the run. In Debian's Chromium it measures, in `--rounds K` (2)
 * rounds taken in turn (A B, then B A), two pages for `--seconds S` (10) each, half of it still and
 * half scrolling with the mouse wheel:
 *
 *   - baseline: a bare virtual list of the same rows, fed by the same relay over the same socket,
 *     in plain DOM (no Vue, no PrimeVue; see board-frames/bare-board.ts);
 *   - klaxon: the console's board, signed in as ann.
 *
 * In each page, with the Performance API: frame time (between consecutive requestAnimationFrame
 * callbacks; 16.7 ms at 60 fps), frame work (from a frame's rAF callback to the first task after it:
 * the batched store update, the re-render, style, layout and paint of that frame) and long animation
 * frames (> 50 ms). Prints each page's figures, then `measure | baseline | klaxon | ratio` for the
 * p50 and p95 of both, and whether Klaxon's p95 frame time while scrolling meets 16.7 ms.
 *
 * With `--profile`, also prints the functions that took the most CPU in Klaxon's page while updates
 * streamed in, the board still (Chrome DevTools Protocol sampling profiler, first round).
 *
 * With `--data DIR`, the relay keeps its SQLite file in DIR (kept afterwards): a second run on the same
 * DIR skips opening the incidents (quicker when tuning; the figures of a fresh run are the ones to report).
 *
 *   npx tsx tests/bench/board-frames.ts [--incidents N] [--rate R] [--seconds S] [--rounds K] [--profile] [--data DIR]
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import buildConsole from '../e2e/global-setup.js';
import { startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { BARE_BOARD, BARE_VIEWPORT } from './board-frames/bare-board.js';
import { type Frames, measureFrames, pct, pool, printPhase, scrollFor } from './board-frames/probe.js';

const { values: flags } = parseArgs({
  options: {
    incidents: { type: 'string', default: '5000' },
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    data: { type: 'string' },
  },
  strict: false,
});
const INCIDENTS = Number(flags.incidents);
const RATE = Number(flags.rate);
const SECONDS = Number(flags.seconds);
const ROUNDS = Math.max(1, Number(flags.rounds));
const TARGET_MS = 1000 / 60;
const PASSWORD = 'change-me-ann';

async function enqueue(url: string, i: number): Promise<void> {
  const severity = i % 50 === 0 ? 'critical' : i % 3 === 0 ? 'warning' : 'info';
  const summaryText = i % 7 === 0 ? `Backup job ${i} failed on NAS${i % 12}` : `Disk ${i % 9}: ${80 + (i % 20)}% on host-${i}`;
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: `bench-${i}`,
      payload: { summary: summaryText, source: `host-${i}.example.com`, severity },
    }),
  });
  if (response.status !== 202) throw new Error(`enqueue ${i}: HTTP ${response.status} ${await response.text()}`);
}

await buildConsole();
const keep = typeof flags.data === 'string' ? path.resolve(flags.data) : null;
if (keep) mkdirSync(keep, { recursive: true });
const seeded = keep !== null && existsSync(path.join(keep, 'klaxon.db'));
const dataDir = keep ?? mkdtempSync(path.join(tmpdir(), 'klaxon-bench-board-'));
const relay = await startRelayProcess({
  dataDir,
  // A relay restarted on a kept board (--data) first catches up with the escalations due meanwhile.
  deadlineMs: 180_000,
  env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_INGEST_RATE: '1000000', KLAXON_INGEST_BURST: '1000000', KLAXON_LOG_LEVEL: 'warn' },
});
const browser = await chromium.launch({
  executablePath: process.env.KLAXON_CHROMIUM ?? '/usr/lib/chromium/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const viewport = { width: 1600, height: 1000 };
const half = (SECONDS * 1000) / 2;

/** Opens the bare baseline page with a login token of ann's; answers the page once all rows are in. */
async function openBaseline(): Promise<Page> {
  const login = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: PASSWORD }),
  });
  const { token } = (await login.json()) as { token: string };
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(120_000);
  await page.goto(`${relay.url}/health`, { waitUntil: 'commit' });
  const rows = (await page.evaluate(`(${BARE_BOARD})(${JSON.stringify({ token })})`)) as number;
  if (rows !== INCIDENTS) console.log(`note: the baseline loaded ${rows} rows`);
  return page;
}

/** Opens the console, signs in as ann and waits for all rows. */
async function openKlaxon(report: boolean): Promise<Page> {
  const page = await browser.newPage({ viewport });
  page.setDefaultTimeout(120_000);
  await page.goto(`${relay.url}/`);
  await page.getByLabel('Username').fill('ann');
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  const signedIn = performance.now();
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await page
    .getByTestId('board-count')
    .filter({ hasText: `${INCIDENTS} open` })
    .waitFor()
    .catch(async (error: unknown) => {
      throw new Error(`the board did not show ${INCIDENTS} open incidents; it shows: ${(await page.locator('main, body').first().innerText()).slice(0, 400)}`, { cause: error });
    });
  if (report) {
    console.log(`board loaded ${INCIDENTS} rows ${((performance.now() - signedIn) / 1000).toFixed(1)} s after sign-in`);
    console.log(`rows in the page (virtual scrolling): ${await page.getByTestId('board-row').count()}`);
  }
  return page;
}

/** Prints the functions that took the most CPU in `page` while `during` ran. */
async function profiled(page: Page, during: () => Promise<Frames>): Promise<Frames> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  const frames = await during();
  const { profile } = await cdp.send('Profiler.stop');
  const byNode = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<string, number>();
  (profile.samples ?? []).forEach((id, i) => {
    const frame = byNode.get(id)!.callFrame;
    const name = `${frame.functionName || '(anonymous)'} ${frame.url.split('/').pop()}:${frame.lineNumber + 1}`;
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas?.[i] ?? 0) / 1000);
  });
  console.log('  most CPU in the page (self time):');
  for (const [name, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 12)) console.log(`    ${ms.toFixed(0).padStart(6)} ms  ${name}`);
  await cdp.detach();
  return frames;
}

type Which = 'baseline' | 'klaxon';
const pooled: Record<`${Which} ${'still' | 'scrolling'}`, Frames | undefined> = {
  'baseline still': undefined,
  'baseline scrolling': undefined,
  'klaxon still': undefined,
  'klaxon scrolling': undefined,
};

try {
  const seeding = performance.now();
  let next = seeded ? INCIDENTS : 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < INCIDENTS) await enqueue(relay.url, next++);
    }),
  );
  if (!seeded) console.log(`opened ${INCIDENTS} incidents in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  // Updates at RATE a second for the rest of the run, catching up when the timer fires late, with
  // at most 16 in flight: a relay slower than RATE gets a steady load, not a growing backlog.
  let sent = 0;
  let done = 0;
  let failed = 0;
  const updatesFrom = performance.now();
  const updates = setInterval(() => {
    const due = Math.floor(((performance.now() - updatesFrom) / 1000) * RATE);
    for (; sent < due && sent - done < 16; sent++) {
      void enqueue(relay.url, Math.floor(Math.random() * INCIDENTS))
        .catch(() => (failed += 1))
        .finally(() => (done += 1));
    }
  }, 10);

  for (let round = 1; round <= ROUNDS; round++) {
    const order: Which[] = round % 2 === 1 ? ['baseline', 'klaxon'] : ['klaxon', 'baseline'];
    for (const which of order) {
      const page = which === 'baseline' ? await openBaseline() : await openKlaxon(round === 1);
      const still = () => measureFrames(page, () => page.waitForTimeout(half));
      const label = `round ${round}, ${which}: ${RATE} updates/s`;
      const stillFrames = flags.profile && which === 'klaxon' && round === 1 ? await profiled(page, still) : await still();
      printPhase(`${label}, board still, ${half / 1000} s`, stillFrames);
      const scrollFrames = await measureFrames(page, () => scrollFor(page, which === 'baseline' ? BARE_VIEWPORT : 'board-viewport', half));
      printPhase(`${label}, scrolling, ${half / 1000} s`, scrollFrames);
      pooled[`${which} still`] = pool(pooled[`${which} still`], stillFrames);
      pooled[`${which} scrolling`] = pool(pooled[`${which} scrolling`], scrollFrames);
      await page.close();
    }
  }
  clearInterval(updates);
  const elapsed = (performance.now() - updatesFrom) / 1000;
  console.log(`\nupdates sent: ${sent} in ${elapsed.toFixed(1)} s (${(sent / elapsed).toFixed(1)}/s of ${RATE}/s asked), answered ${done}, failed ${failed}`);

  const f = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`\n${INCIDENTS} open incidents, ${RATE} updates/s, ${ROUNDS} round(s) pooled; ${viewport.width}×${viewport.height}`);
  console.log('| measure | baseline (bare DOM list) | klaxon | ratio |');
  console.log('|---|---|---|---|');
  for (const phase of ['still', 'scrolling'] as const) {
    const base = pooled[`baseline ${phase}`]!;
    const klaxon = pooled[`klaxon ${phase}`]!;
    for (const [what, key] of [['frame time', 'intervals'], ['frame work', 'work']] as const) {
      for (const p of [50, 95]) {
        const b = pct(base[key], p);
        const k = pct(klaxon[key], p);
        console.log(`| ${what} p${p}, ${phase} | ${f(b)} | ${f(k)} | ${(k / b).toFixed(2)}× |`);
      }
    }
  }
  const p95 = pct(pooled['klaxon scrolling']!.intervals, 95);
  console.log(`\np95 frame time of Klaxon's board while scrolling: ${f(p95)} (${p95 <= TARGET_MS + 0.5 ? 'met' : 'NOT met'}; target ≤ ${TARGET_MS.toFixed(1)} ms)`);
} finally {
  await browser.close();
  await relay.dispose();
  if (!keep) rmSync(dataDir, { recursive: true, force: true });
}
