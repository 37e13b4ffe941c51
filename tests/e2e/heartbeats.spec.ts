import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { ACME_HEARTBEAT_ID, acmeHeartbeat, HEARTBEAT_KEYS } from '../support/heartbeat-config.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';

/** Screenshots for people to look at (not compared). */
const SHOTS = process.env.KLAXON_SHOTS ?? '/tmp/klaxon-heartbeats';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
/** A second Acme heartbeat that falls silent at once (1 s interval, no grace). */
const FAST_KEY = 'hb-acme-fast';
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

test('the Heartbeats page lists each heartbeat with its state, late first, and links the open incident', async ({ page }) => {
  const config = writeTestConfig((doc) => {
    acmeHeartbeat(doc, '5m', '2m');
    doc.services!.find((s) => s.id === 'acme-rmm')!.integrations!.push({ type: 'heartbeat', key: FAST_KEY, interval: '1s', grace: '0s' });
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
  expect((await fetch(`${relay.url}/heartbeat/${HEARTBEAT_KEYS.acme}`)).status).toBe(200);
  expect((await fetch(`${relay.url}/heartbeat/${FAST_KEY}`, { method: 'POST' })).status).toBe(200);

  await signIn(page, relay, 'bob');
  await page.getByRole('link', { name: 'Heartbeats' }).click();
  await expect(page.getByRole('heading', { name: 'Heartbeats' })).toBeVisible();
  const rows = page.getByTestId('heartbeat-row');
  await expect(rows).toHaveCount(3);
  await expect(rows.filter({ hasText: ACME_HEARTBEAT_ID })).toContainText('OK');
  await expect(rows.filter({ hasText: ACME_HEARTBEAT_ID })).toContainText('every 5m, 2m grace');
  await expect(rows.filter({ has: page.getByText('rmm:heartbeat:0', { exact: true }) })).toContainText('Waiting for first ping');

  // The fast one misses its deadline: after a refresh (by keyboard) it is listed first, as late.
  await expect(async () => {
    await page.getByTestId('heartbeats-refresh').focus();
    await page.keyboard.press('Enter');
    await expect(rows.first()).toHaveAttribute('data-state', 'late', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(rows.first()).toContainText('acme-rmm:heartbeat:1');
  await expect(rows.first()).toContainText('Late');

  mkdirSync(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `overflows sideways at ${size.width}×${size.height}`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `heartbeats-${size.width}x${size.height}.png`), fullPage: true });
  }

  await rows.first().getByRole('link', { name: 'Open incident' }).click();
  await expect(page.getByText('RMM agent for Acme Corp silent for', { exact: false }).first()).toBeVisible();
});
