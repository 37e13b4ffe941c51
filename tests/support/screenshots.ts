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

/**
 * Screenshots `page` at both sizes into tests/artifacts as `<name>-<w>x<h>.png`, failing when the
 * page is wider than the window (something overflows sideways); leaves the window at 1280×800.
 */
export async function shootBothSizes(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `${name} at ${size.width}×${size.height} overflows sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, `${name}-${size.width}x${size.height}.png`), fullPage: options.fullPage ?? false });
  }
  await page.setViewportSize(SCREEN_SIZES[0]);
}
