import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './csp-watch.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken } from '../support/console-sign-in.js';
import { ARTIFACTS, SCREEN_SIZES, shootBothSizes } from '../support/screenshots.js';

/*
 * Every console page (straight from the router, so a new page is covered the day it is added), the
 * wallboard and the phone app, at 1280×800 and 1920×1080: nothing overflows sideways, no table cell
 * clips its text without an ellipsis and a tooltip, and no page logs an error. Failures are soft, so
 * one run names every page that fails.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let relay: RelayProcess;
/** Ids for the detail pages' `:id` (by route name), made in `beforeAll`. */
const ids: Record<string, string> = {};

const BOARD = [
  { key: 'fs01', summary: 'FS01 disk C: 97% full — the file share for accounting, payroll and the scanned contracts archive', severity: 'critical' },
  { key: 'vpn', summary: 'VPN concentrator unreachable from the Leeds office', severity: 'error' },
  { key: 'cert', summary: 'TLS certificate for portal.example.com expires in 9 days', severity: 'warning' },
  { key: 'edr', summary: 'EDR: credential dumping tool detected on WS-0142 (lsass access by an unsigned binary)', severity: 'critical' },
  { key: 'backup', summary: 'Backup job late on backup-01', severity: 'info' },
  { key: 'mail', summary: 'Mail queue above 2,000 messages on mx-02', severity: 'warning' },
];

async function api<T>(pathname: string, token: string, method = 'GET', body?: unknown): Promise<T> {
  const response = await fetch(`${relay.url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${pathname} answered ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  // A longer start-up deadline than the usual 45 s: this spec is often run on a busy machine.
  // An admin, Ada, besides the example's people: only an admin reaches every page (the Admin screens too).
  const config = writeTestConfig((doc) => {
    doc.users!.push({ id: 'ada', name: 'Ada Admin', email: 'ada@example.com', role: 'admin', password: 'change-me-ada', notify: [{ channel: 'push', after: '0s' }] });
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config }, deadlineMs: 120_000 });
  for (const alert of BOARD) {
    const response = await fetch(`${relay.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        routing_key: KEYS.eventsV2,
        event_action: 'trigger',
        dedup_key: alert.key,
        payload: { summary: alert.summary, source: `${alert.key}.example.com`, severity: alert.severity },
      }),
    });
    expect(response.status).toBe(202);
  }
  const ann = await apiToken(relay.url, 'ann');
  let incidents: { id: string; dedupKey: string }[] = [];
  await expect
    .poll(async () => {
      incidents = (await api<{ incidents: { id: string; dedupKey: string }[] }>('/api/v1/incidents', ann)).incidents;
      return incidents.length;
    })
    .toBe(BOARD.length);
  const byKey = (key: string) => incidents.find((i) => i.dedupKey === key)!.id;
  // An assigned, a confirmed and a false-positive incident, so the board shows its Assigned column.
  await api(`/api/v1/incidents/${byKey('edr')}/assign`, ann, 'POST', { role: 'triage', userId: 'bob' });
  await api(`/api/v1/incidents/${byKey('edr')}/assign`, ann, 'POST', { role: 'forensic', userId: 'cara' });
  await api(`/api/v1/incidents/${byKey('edr')}/verdict`, ann, 'POST', { verdict: 'confirmed' });
  await api(`/api/v1/incidents/${byKey('backup')}/verdict`, ann, 'POST', { verdict: 'false_positive' });
  await api(`/api/v1/incidents/${byKey('vpn')}/acknowledge`, ann, 'POST', {});
  ids.incident = byKey('edr');
  ids.postmortem = (await api<{ id: string }>('/api/v1/postmortems', ann, 'POST', { incidentIds: [byKey('fs01')] })).id;
});

test.afterAll(async () => {
  await relay?.dispose();
});

/**
 * Signs ann in; the first console of a fresh relay busy paging for six new incidents may take longer
 * than the usual 15 s to go Live on a loaded machine.
 */
async function signInPatiently(page: Page, username = 'ann'): Promise<void> {
  await page.goto(`${relay.url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(`change-me-${username}`);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live', { timeout: 60_000 });
}

/**
 * Answers that are not failures: 404 from `GET /api/v1/incidents/:id/postmortem` is the API's "this
 * incident has no post-mortem yet", which the incident page asks on every visit.
 */
const EXPECTED_404 = [/^\/api\/v1\/incidents\/[^/]+\/postmortem$/];

/**
 * Collects the page's console errors, uncaught exceptions and failed requests from now on (Chrome
 * logs a failed request without its address, so the response is recorded instead of that line).
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    // A failed request is recorded below with its address; Chrome's own line for it has none.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource:')) errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`page error: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const pathname = new URL(response.url()).pathname;
    if (!(response.status() === 404 && EXPECTED_404.some((p) => p.test(pathname)))) errors.push(`response: ${response.status()} ${pathname}`);
  });
  return errors;
}

/** Lets the page finish loading its data (no requests in flight) and draw. */
async function settle(page: Page): Promise<void> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
}

/** A console page as the running app's router lists it. */
interface ConsoleRoute {
  name: string;
  path: string;
}

/**
 * Every route of the console's router, read from the running app (Vue keeps the app on its mount
 * element), so a page added to renderer/router.ts is visited without touching this file.
 */
function consoleRoutes(page: Page): Promise<ConsoleRoute[]> {
  return page.evaluate(`document.querySelector('#app').__vue_app__.config.globalProperties.$router.getRoutes()
    .map((r) => ({ name: String(r.name), path: r.path }))`) as Promise<ConsoleRoute[]>;
}

/** A route's path with its parameters filled in from `ids`, or an error naming the route that needs a sample id. */
function concretePath(route: ConsoleRoute): string {
  return route.path.replace(/:(\w+)/g, () => {
    const id = ids[route.name];
    if (!id) throw new Error(`every-page.spec.ts needs a sample id for the route '${route.name}' (${route.path}); add one in beforeAll`);
    return encodeURIComponent(id);
  });
}

test('every console page holds at 1280×800 and 1920×1080: no sideways overflow, no clipped cells, no errors', async ({ page }) => {
  test.setTimeout(240_000);
  await page.setViewportSize(SCREEN_SIZES[0]);
  const errors = watchErrors(page);
  await signInPatiently(page, 'ada');
  const routes = await consoleRoutes(page);
  expect(routes.length).toBeGreaterThan(15);
  for (const route of routes) {
    const pathname = concretePath(route);
    await test.step(`${route.name} (${pathname})`, async () => {
      await page.goto(`${relay.url}/#${pathname}`);
      // The page itself, not a redirect (a guard sending the visitor elsewhere would check the wrong
      // page); a page may add its query to the URL (Reports writes its range there).
      await expect(page).toHaveURL((url) => url.hash.replace(/\?.*$/, '') === `#${pathname}`);
      await expect(page.locator('main').first()).toBeVisible();
      await settle(page);
      await shootBothSizes(page, `page-${route.name}`, { soft: true, strict: { containers: 'main, header' } });
      expect.soft(errors, `errors on ${pathname}`).toEqual([]);
      errors.length = 0;
    });
  }
});

test('the board with several incidents, assigned and not, for the README; the menu opens and closes from the keyboard', async ({ page }) => {
  await page.setViewportSize(SCREEN_SIZES[0]);
  const errors = watchErrors(page);
  await signInPatiently(page);
  const rows = page.getByTestId('board-row');
  await expect(rows).toHaveCount(BOARD.length);
  // Verdict and analysts share one cell, named in words in its tooltip.
  const edr = rows.filter({ hasText: 'credential dumping' }).getByTestId('board-assigned');
  await expect(edr).toHaveText(/Confirmed\s*Bob \/ Cara/);
  await expect(edr).toHaveAttribute('title', 'Confirmed · Triage: Bob Example · Forensic: Cara Example');
  // The summary is the widest column at both sizes.
  for (const size of SCREEN_SIZES) {
    await page.setViewportSize(size);
    const widths = (await rows
      .first()
      // Typed by hand: the tests' TypeScript has no DOM types.
      .evaluate((row: { children: ArrayLike<{ className: string; getBoundingClientRect(): { width: number } }> }) =>
        Object.fromEntries(Array.from(row.children, (c) => [c.className.split(' ')[0], c.getBoundingClientRect().width])),
      )) as Record<string, number>;
    expect(Math.max(...Object.values(widths)), `summary width at ${size.width}`).toBe(widths['c-summary']);
    expect(widths['c-summary'], `summary width at ${size.width}`).toBeGreaterThan(size.width >= 1920 ? 600 : 340);
  }

  // At 1280 the menu is an icon rail: it opens over the page from the keyboard and Escape closes it.
  await page.setViewportSize(SCREEN_SIZES[0]);
  const toggle = page.getByTestId('nav-toggle');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('heading', { name: 'Admin' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(toggle).toBeFocused();
  // A choice in the open menu goes there and closes it; the page is marked current.
  await toggle.click();
  await page.getByRole('link', { name: 'History' }).click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  await page.getByTestId('nav-board').click();

  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'board-1280x800.png') });
  // At 1920 the menu is a labelled sidebar.
  await page.setViewportSize(SCREEN_SIZES[1]);
  await expect(page.getByRole('heading', { name: 'Operate' })).toBeVisible();
  await expect(page.getByTestId('board-row')).toHaveCount(BOARD.length);
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-1920x1080.png') });
  // The README's screenshots are refreshed on request only, so a test run leaves the tree as it was.
  if (process.env.KLAXON_UPDATE_SCREENSHOTS === '1') {
    copyFileSync(path.join(ARTIFACTS, 'board-1280x800.png'), path.join(ROOT, 'docs', 'screenshot-board.png'));
    copyFileSync(path.join(ARTIFACTS, 'console-1920x1080.png'), path.join(ROOT, 'docs', 'screenshot-console.png'));
  }
  expect(errors).toEqual([]);
});

test('a new wallboard link copies to the clipboard with a confirmation; the list names who made it', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: relay.url });
  await signInPatiently(page);
  await page.getByRole('link', { name: 'Wallboards' }).click();
  await page.getByLabel('Screen name').fill('Copy test wall');
  await page.getByRole('button', { name: 'Create wallboard link' }).click();
  const link = (await page.getByTestId('wallboard-link').textContent())!.trim();
  await page.getByRole('button', { name: 'Copy link' }).click();
  await expect(page.getByRole('button', { name: 'Copied' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Copied to the clipboard' })).toBeVisible();
  expect(await page.evaluate('navigator.clipboard.readText()')).toBe(link);
  await expect(page.getByRole('row').filter({ hasText: 'Copy test wall' })).toContainText('Ann Example');
});

test('the wallboard holds at both sizes without errors', async ({ browser }) => {
  const ann = await apiToken(relay.url, 'ann');
  const { token } = await api<{ token: string }>('/api/v1/wallboard-tokens', ann, 'POST', { name: 'Every-page wall' });
  const context = await browser.newContext({ viewport: SCREEN_SIZES[0] });
  const wall = await context.newPage();
  const errors = watchErrors(wall);
  await wall.goto(`${relay.url}/wallboard#token=${token}`);
  await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Live · updated/);
  await settle(wall);
  await shootBothSizes(wall, 'page-wallboard', { soft: true, strict: { containers: 'main' } });
  expect(errors).toEqual([]);
  await context.close();
});

test('the phone app, paired, holds at both sizes without errors', async ({ browser }) => {
  const ann = await apiToken(relay.url, 'ann');
  const { code } = await api<{ code: string }>('/api/v1/devices/pairing-codes', ann, 'POST', {});
  const context = await browser.newContext({ viewport: SCREEN_SIZES[0] });
  const phone = await context.newPage();
  const errors = watchErrors(phone);
  await phone.goto(`${relay.url}/m/#/pair?code=${code}`);
  await phone.getByRole('button', { name: 'Pair this phone' }).click();
  await expect(phone.getByTestId('signed-in-as')).toHaveText('Ann Example');
  await expect(phone.getByTestId('link-state')).toHaveText('Live');
  await settle(phone);
  await shootBothSizes(phone, 'page-phone', { soft: true, strict: { containers: 'main' } });
  expect(errors).toEqual([]);
  await context.close();
});
