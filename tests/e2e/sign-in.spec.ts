import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
/** The banner line a relay prints once on first start (server/app/accounts/bootstrap-admin.ts). */
const ADMIN_BANNER = /^==> username: admin\s+password: (\S+)$/;

let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function adminPassword(running: RelayProcess): Promise<string> {
  const line = await running.waitForLine(ADMIN_BANNER);
  return ADMIN_BANNER.exec(line)![1]!;
}

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(password);
  // Enter submits the form, as a keyboard-only NOC operator would do it.
  await page.getByLabel('Password', { exact: true }).press('Enter');
}

test('a wrong password is refused inline and the form stays usable', async ({ page }) => {
  relay = await startRelayProcess();
  await page.goto(`${relay.url}/`);
  await signIn(page, 'admin', 'definitely-not-it');
  await expect(page.getByRole('alert')).toHaveText('Wrong username or password');
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'sign-in-refused.png') });
});

test('signs in to the live console, then shows when the relay goes away', async ({ page }) => {
  relay = await startRelayProcess();
  const password = await adminPassword(relay);

  await page.goto(`${relay.url}/`);
  // Served by the relay, the form offers the relay's own address.
  await expect(page.getByLabel('Relay address')).toHaveValue(relay.url);
  await signIn(page, 'admin', password);

  const state = page.getByTestId('connection-state');
  await expect(state).toHaveText('Live');
  await expect(page.getByTestId('signed-in-user')).toContainText('Administrator');
  await expect(page.getByTestId('signed-in-user')).toContainText('Admin');
  await expect(page.getByRole('heading', { name: 'All quiet — no open incidents' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  mkdirSync(ARTIFACTS, { recursive: true });
  // The README's screenshots come from every-page.spec.ts (a board with several incidents).
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-live.png') });

  await relay.stop();
  await expect(state).toHaveText(/^(Reconnecting…|Offline since \d\d:\d\d [A-Z][\w+:-]*)$/);
  // After a few failed attempts the banner says since when the console has been cut off.
  await expect(state).toHaveText(/^Offline since \d\d:\d\d [A-Z][\w+:-]*$/, { timeout: 30_000 });
  // Cut off from the relay, the console no longer claims that all is quiet.
  await expect(page.getByRole('heading', { name: 'Waiting for the relay' })).toBeVisible();
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-offline.png') });
});
