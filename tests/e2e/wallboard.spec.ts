import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator } from '@playwright/test';
import { expect, test } from './csp-watch.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
let relays: RelayProcess[] = [];

test.afterEach(async () => {
  for (const relay of relays) await relay.dispose();
  relays = [];
});

async function trigger(relay: RelayProcess, dedupKey: string, summary: string): Promise<void> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'e2e', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
}

/** Counts the canvas pixels close to `rgb` (the chart's series colour), read back from the canvas itself. */
function pixelsOfColour(canvas: Locator, rgb: [number, number, number]): Promise<{ coloured: number; drawn: number; width: number }> {
  return canvas.evaluate((element, [r, g, b]) => {
    // The test project has no DOM types; this is the part of HTMLCanvasElement used here.
    type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const c = element as unknown as Canvas;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let coloured = 0;
    let drawn = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0) drawn += 1;
      if (Math.abs(data[i]! - r) < 12 && Math.abs(data[i + 1]! - g) < 12 && Math.abs(data[i + 2]! - b) < 12 && data[i + 3]! > 200) coloured += 1;
    }
    return { coloured, drawn, width: c.width };
  }, rgb);
}

/**
 * Reads the alerts-per-hour chart back from its canvas pixels: every bar (runs of columns in the bar
 * colour) measured in the y axis's steps (the distance between its horizontal grid lines, rows mostly
 * in the grid colour), summed. The axis counts whole alerts, so this is the number of alerts the chart
 * shows, whatever the scale it picked for them (one alert and two alerts are both full-height bars).
 */
function alertsDrawn(canvas: Locator): Promise<{ alerts: number; gridLines: number }> {
  return canvas.evaluate((element, { bar, grid }) => {
    type Canvas = { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
    const c = element as unknown as Canvas;
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    const is = (i: number, [r, g, b]: number[]) => Math.abs(data[i]! - r!) < 12 && Math.abs(data[i + 1]! - g!) < 12 && Math.abs(data[i + 2]! - b!) < 12 && data[i + 3]! > 200;
    const lines: number[] = [];
    for (let y = 0; y < c.height; y++) {
      let inGrid = 0;
      for (let x = 0; x < c.width; x++) if (is((y * c.width + x) * 4, grid)) inGrid += 1;
      if (inGrid > c.width / 2 && lines.at(-1) !== y - 1) lines.push(y);
      else if (inGrid > c.width / 2) lines[lines.length - 1] = y;
    }
    const heights: number[] = [];
    let run = 0;
    for (let x = 0; x <= c.width; x++) {
      let inBar = 0;
      if (x < c.width) for (let y = 0; y < c.height; y++) if (is((y * c.width + x) * 4, bar)) inBar += 1;
      if (inBar > 0) run = Math.max(run, inBar);
      else if (run > 0) {
        heights.push(run);
        run = 0;
      }
    }
    if (lines.length < 2) return { alerts: Number.NaN, gridLines: lines.length };
    const step = (lines.at(-1)! - lines[0]!) / (lines.length - 1);
    return { alerts: heights.reduce((sum, h) => sum + Math.round(h / step), 0), gridLines: lines.length };
  }, { bar: [249, 115, 22], grid: [51, 65, 85] });
}

test('a manager makes a wallboard link; the wall screen draws its charts, follows new incidents and survives a relay restart', async ({ page, browser }) => {
  const config = writeTestConfig();
  const relay = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
  relays.push(relay);
  await trigger(relay, 'disk-1', 'Disk full on db-1');

  // The manager creates the wall screen's link in the console.
  await signIn(page, relay, 'ann');
  await page.getByRole('link', { name: 'Wallboards' }).click();
  await page.getByLabel('Screen name').fill('NOC wall');
  await page.getByRole('button', { name: 'Create wallboard link' }).click();
  const link = (await page.getByTestId('wallboard-link').textContent())!.trim();
  expect(link).toMatch(new RegExp(`^${relay.url}/wallboard#token=kwb_`));
  await expect(page.getByRole('cell', { name: 'NOC wall' })).toBeVisible();

  // The wall screen: another browser context (no console session), the trends panel pinned.
  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  await wall.goto(`${link}&rotate=0&panel=trends`);
  await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Live · updated/);
  await expect(wall.getByTestId('open-high')).toContainText('1');
  await expect(wall.getByTestId('open-unacknowledged')).toContainText('1');

  const alertsCanvas = wall.getByTestId('alerts-chart').locator('canvas');
  const responseCanvas = wall.getByTestId('response-chart').locator('canvas');
  await expect.poll(async () => (await pixelsOfColour(alertsCanvas, [249, 115, 22])).coloured).toBeGreaterThan(50);
  // The trend chart has no data points yet, but its axes, grid and legend are drawn.
  await expect.poll(async () => (await pixelsOfColour(responseCanvas, [203, 213, 225])).drawn).toBeGreaterThan(500);
  // The bar chart shows the one alert so far.
  await expect.poll(async () => (await alertsDrawn(alertsCanvas)).alerts).toBe(1);

  // A new incident shows up on the wall within a few polls, without anyone touching the screen: the
  // chart is repainted with two alerts (its axis rescales, so the pixels of the bar alone may not change).
  await trigger(relay, 'cpu-1', 'CPU at 100% on web-2');
  await expect(wall.getByTestId('open-high')).toContainText('2');
  await expect.poll(async () => (await alertsDrawn(alertsCanvas)).alerts).toBe(2);
  mkdirSync(ARTIFACTS, { recursive: true });
  await wall.screenshot({ path: path.join(ARTIFACTS, 'wallboard-trends.png') });

  // The relay goes away and comes back on the same port and database: the wall recovers by itself.
  await relay.stop();
  await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Relay unreachable since/, { timeout: 20_000 });
  await expect(wall.getByTestId('open-high')).toContainText('2');
  const restarted = await startRelayProcess({ env: { KLAXON_CONFIG: config }, port: relay.port, dataDir: relay.dataDir });
  relays.push(restarted);
  await trigger(restarted, 'mem-1', 'Memory low on db-2');
  await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Live · updated/, { timeout: 40_000 });
  await expect(wall.getByTestId('open-high')).toContainText('3');
  await wallContext.close();
});

test('the attention panel hides a revoked link and shows the oldest unacknowledged incidents', async ({ browser, request }) => {
  // Nobody paired a phone here, so pages fail at once; with the move-on off the escalation stays at level 1.
  const relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_FAILED_PAGE_MOVES_ON: '0' } });
  relays.push(relay);
  const login = await request.post(`${relay.url}/api/v1/auth/login`, { data: { username: 'ann', password: 'change-me-ann' } });
  const auth = { authorization: `Bearer ${(await login.json()).token}` };
  const created = await (await request.post(`${relay.url}/api/v1/wallboard-tokens`, { headers: auth, data: { name: 'Lobby' } })).json();
  await trigger(relay, 'vpn-1', 'VPN gateway down');

  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  await wall.goto(`${relay.url}/wallboard#token=${created.token}&rotate=0`);
  await expect(wall.getByTestId('oldest-unacknowledged')).toContainText('VPN gateway down');
  await expect(wall.getByTestId('escalations')).toContainText(/level 1 of 2, pass 1 of 2 · paged \w+ Example/);
  mkdirSync(ARTIFACTS, { recursive: true });
  await wall.screenshot({ path: path.join(ARTIFACTS, 'wallboard-attention.png') });

  await request.post(`${relay.url}/api/v1/wallboard-tokens/${created.id}/revoke`, { headers: auth });
  await expect(wall.getByTestId('wallboard-status')).toHaveText(/does not accept this wallboard link/, { timeout: 20_000 });
  await wallContext.close();
});

test('the demo fills the wall: every panel takes the screen at 1920×1080 and 4K, on call shows who is next, trends have a week', async ({ browser, request }) => {
  // Three panels at three sizes on a shared machine.
  test.setTimeout(240_000);
  // KLAXON_DEMO=1 as `npm start` runs it: the simulated team, a week of history, live incidents.
  const relay = await startRelayProcess({ env: { KLAXON_DEMO: '1' } });
  relays.push(relay);
  const login = await request.post(`${relay.url}/api/v1/auth/login`, { data: { username: 'ann', password: 'change-me-ann' } });
  const auth = { authorization: `Bearer ${(await login.json()).token}` };
  const created = await (await request.post(`${relay.url}/api/v1/wallboard-tokens`, { headers: auth, data: { name: 'NOC wall' } })).json();

  const wallContext = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const wall = await wallContext.newPage();
  // The favicon is served wherever the wallboard is.
  expect((await request.get(`${relay.url}/favicon.svg`)).status()).toBe(200);
  for (const panel of ['attention', 'on-call', 'trends'] as const) {
    await wall.goto(`${relay.url}/wallboard#token=${created.token}&rotate=0&panel=${panel}`);
    await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Live · updated/);
    await expect(wall.locator('link[rel="icon"]')).toHaveAttribute('href', /favicon\.svg$/);
    // The panel reaches the bottom of the screen (no band of empty black below it) and nothing is cut off sideways.
    const box = (await wall.getByTestId('wallboard-panel').boundingBox())!;
    expect(box.y + box.height).toBeGreaterThan(1080 - 60);
    expect(box.height).toBeGreaterThan(1080 * 0.55);
    expect(box.width).toBeGreaterThan(1920 - 100);
    if (panel === 'on-call') {
      await expect(wall.getByTestId('on-call-schedule')).toHaveCount(1);
      await expect(wall.getByTestId('on-call-next')).toContainText(/Next.*Example.*in \d/);
      const schedule = (await wall.getByTestId('on-call-schedule').boundingBox())!;
      expect(schedule.height).toBeGreaterThan(box.height * 0.5);
    }
    if (panel === 'trends') {
      // A week of back-dated history: means for read, acknowledge and resolve.
      for (const key of ['read', 'acknowledge', 'resolve']) await expect(wall.getByTestId(`mean-${key}`)).toContainText(/\d+[smhd]/);
      const chart = (await wall.getByTestId('response-chart').boundingBox())!;
      expect(chart.height).toBeGreaterThan(1080 * 0.35);
    }
    if (panel === 'attention') await expect(wall.getByTestId('escalations')).toContainText(/level 2 of 2/);
    await shootBothSizes(wall, `wallboard-demo-${panel}`);
    await wall.setViewportSize({ width: 3840, height: 2160 });
    await wall.goto(`${relay.url}/wallboard#token=${created.token}&rotate=0&panel=${panel}&k=4k`);
    await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Live · updated/);
    const big = (await wall.getByTestId('wallboard-panel').boundingBox())!;
    expect(big.y + big.height).toBeGreaterThan(2160 - 120);
    // Type scales with the screen: twice the size of the 1920 wall.
    expect(await wall.evaluate('parseFloat(getComputedStyle(document.documentElement).fontSize)')).toBeGreaterThan(30);
    expect(await wall.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')).toBeLessThanOrEqual(0);
    await wall.screenshot({ path: path.join(ARTIFACTS, `wallboard-demo-${panel}-3840x2160.png`) });
    await wall.setViewportSize({ width: 1920, height: 1080 });
  }
  await wallContext.close();
});
