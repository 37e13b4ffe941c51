import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';

/** Where e2e screenshots go (ignored by git): for a person to look at after a run. */
export const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');

/** The two screen sizes every console screen is looked at. */
export const SCREEN_SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;

/** One of `SCREEN_SIZES`. */
export type ScreenSize = (typeof SCREEN_SIZES)[number];

/** Options of `shootBothSizes`. */
export interface ShootOptions {
  fullPage?: boolean;
  /** Record failures with `expect.soft` (the test goes on, to report every page that fails). */
  soft?: boolean;
  /**
   * Also fail on clipped text in the page's tables (see `clippedCells`) and on scroll containers
   * matching this selector that scroll sideways (the console's `main`, which scrolls itself, so the
   * document never does).
   */
  strict?: { containers: string };
}

/**
 * Screenshots `page` at both sizes into tests/artifacts as `<name>-<w>x<h>.png`, failing when the
 * page is wider than the window (something overflows sideways) and, when `strict`, when a table
 * cell clips its text or the given containers scroll sideways; leaves the window at 1280×800.
 */
export async function shootBothSizes(page: Page, name: string, options: ShootOptions = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const check = options.soft ? expect.soft : expect;
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const at = `${name} at ${size.width}×${size.height}`;
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    check(overflow, `${at} overflows sideways`).toBeLessThanOrEqual(0);
    if (options.strict) {
      check(await sidewaysScrollers(page, options.strict.containers), `${at}: containers that scroll sideways`).toEqual([]);
      check(await clippedCells(page), `${at}: table cells that clip their text without an ellipsis and a tooltip`).toEqual([]);
    }
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`), fullPage: options.fullPage ?? false });
  }
  await page.setViewportSize(SCREEN_SIZES[0]);
}

/** The elements matching `selector` whose content is wider than they are (they scroll sideways), described. */
export function sidewaysScrollers(page: Page, selector: string): Promise<string[]> {
  // A string: the tests' TypeScript has no DOM types.
  return page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})]
    .filter((e) => e.scrollWidth > e.clientWidth + 1)
    .map((e) => e.tagName.toLowerCase() + '.' + [...e.classList].join('.') + ' is ' + e.scrollWidth + ' px wide in ' + e.clientWidth)`) as Promise<string[]>;
}

/**
 * The visible table cells (`td`, `th`, grid cells, column headers) whose text is wider than the cell,
 * unless the text ends in an ellipsis (`text-overflow: ellipsis` on the cell or the clipped element
 * inside it) and a tooltip (`title`) in or around the cell gives the whole of it. Each is described
 * by its text, so a failure names the cell.
 */
export function clippedCells(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const cells = document.querySelectorAll('td, th, [role="gridcell"], [role="columnheader"], [role="cell"]');
    const out = [];
    for (const cell of cells) {
      if (cell.clientWidth === 0 || cell.getClientRects().length === 0) continue;
      // Visually hidden words (a 1 px box for screen readers) are clipped on purpose.
      const clipped = [cell, ...cell.querySelectorAll('*')].filter((e) => e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 1);
      if (clipped.length === 0) continue;
      const ellipsis = clipped.every((e) => getComputedStyle(e).textOverflow === 'ellipsis' && getComputedStyle(e).overflowX !== 'visible');
      const titled = !!(cell.closest('[title]') || cell.querySelector('[title]'));
      if (ellipsis && titled) continue;
      out.push(JSON.stringify((cell.textContent || '').trim().slice(0, 60)) + ' (' + cell.scrollWidth + ' px of text in ' + cell.clientWidth + ')');
    }
    return out;
  })()`) as Promise<string[]>;
}
