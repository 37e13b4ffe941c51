/**
 * The frame probe of the board bench (`tests/bench/board-frames.ts`): what it injects into a page to
 * measure frames, and the arithmetic on what it collects. A folder of its own, so that `npm run bench`
 * does not take it for a benchmark script.
 */
import type { Page } from '@playwright/test';

/** What the probe collects in a page while it runs. */
export interface Frames {
  /** Time between consecutive requestAnimationFrame callbacks, ms (16.7 at 60 fps). */
  intervals: number[];
  /** From a frame's rAF callback to the first task after it (the frame's script, style, layout, paint), ms. */
  work: number[];
  /** Durations of long animation frames (> 50 ms), ms. */
  loaf: number[];
  /** Script time in long frames, by invoker and source. */
  blame: Record<string, number>;
  /** Time of long frames spent outside scripts (style, layout, paint, waiting for the CPU), ms. */
  blockedRender: number;
}

/** The in-page probe (a string, so that tsx's helpers do not leak into the page's code). */
const PROBE = `(() => {
  const frames = (window.__frames = { intervals: [], work: [], loaf: [], blame: {}, blockedRender: 0, stop: false });
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => {
      if (frames.stop) return;
      frames.loaf.push(e.duration);
      for (const script of e.scripts || []) {
        const name = (script.invoker || '?') + ' ' + (script.sourceFunctionName || '') + ' ' + (script.sourceURL || '').split('/').pop();
        frames.blame[name] = (frames.blame[name] || 0) + script.duration;
      }
      frames.blockedRender += Math.max(0, e.duration - (e.scripts || []).reduce((sum, s) => sum + s.duration, 0));
    }))
      .observe({ type: 'long-animation-frame', buffered: false });
  } catch {}
  const channel = new MessageChannel();
  let frameStart = 0;
  channel.port1.onmessage = () => frames.stop || frames.work.push(performance.now() - frameStart);
  let last = 0;
  const tick = (now) => {
    if (frames.stop) return;
    if (last) frames.intervals.push(now - last);
    last = now;
    frameStart = performance.now();
    channel.port2.postMessage(0);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/** Measures the frames of `page` while `during` runs. */
export async function measureFrames(page: Page, during: () => Promise<void>): Promise<Frames> {
  await page.evaluate(PROBE);
  await during();
  return (await page.evaluate('(window.__frames.stop = true, window.__frames)')) as Frames;
}

/** Scrolls the board viewport under the mouse with the wheel, 600 px every 50 ms, for `ms`. */
export async function scrollFor(page: Page, viewportTestId: string, ms: number): Promise<void> {
  const box = await page.getByTestId(viewportTestId).boundingBox();
  if (box) await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  // A plain expression: the page under measurement should not run the locator engine every step.
  const readTop = `document.querySelector('[data-testid="${viewportTestId}"]').scrollTop`;
  const until = performance.now() + ms;
  let down = true;
  let before = (await page.evaluate(readTop)) as number;
  while (performance.now() < until) {
    // Down to the end and back up, so that a long phase does not sit at the bottom of the list.
    await page.mouse.wheel(0, down ? 600 : -600);
    await page.waitForTimeout(50);
    const after = (await page.evaluate(readTop)) as number;
    if (after === before) down = !down;
    before = after;
  }
}

/** Nearest-rank percentile of sorted numbers. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** The p-th percentile of unsorted numbers. */
export function pct(values: readonly number[], p: number): number {
  return percentile([...values].sort((a, b) => a - b), p);
}

/** One line of count, p50, p95, p99 and max. */
export function summary(name: string, values: readonly number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => n.toFixed(1).padStart(6);
  return `${name.padEnd(13)} n=${String(sorted.length).padStart(5)}  p50 ${f(percentile(sorted, 50))} ms  p95 ${f(percentile(sorted, 95))} ms  p99 ${f(percentile(sorted, 99))} ms  max ${f(sorted.at(-1) ?? NaN)} ms`;
}

/** Prints a phase's figures: frame time, frame work, long frames and what ran in them. */
export function printPhase(label: string, frames: Frames): void {
  console.log(`\n${label}`);
  console.log(summary('frame time', frames.intervals));
  console.log(summary('frame work', frames.work));
  console.log(`long animation frames (> 50 ms): ${frames.loaf.length}${frames.loaf.length ? `, longest ${Math.max(...frames.loaf).toFixed(0)} ms` : ''}`);
  const blame = Object.entries(frames.blame)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3);
  for (const [name, ms] of blame) console.log(`  scripts in long frames: ${ms.toFixed(0).padStart(5)} ms  ${name}`);
  if (frames.loaf.length) console.log(`  long frames outside scripts (style, layout, paint, waiting for the CPU): ${frames.blockedRender.toFixed(0)} ms`);
}

/** Adds `more` to `into` (pooling the rounds of one page and phase). */
export function pool(into: Frames | undefined, more: Frames): Frames {
  if (!into) return { ...more, blame: { ...more.blame } };
  for (const [name, ms] of Object.entries(more.blame)) into.blame[name] = (into.blame[name] ?? 0) + ms;
  return {
    intervals: [...into.intervals, ...more.intervals],
    work: [...into.work, ...more.work],
    loaf: [...into.loaf, ...more.loaf],
    blame: into.blame,
    blockedRender: into.blockedRender + more.blockedRender,
  };
}
