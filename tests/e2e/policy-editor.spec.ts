import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function choose(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** Minutes since midnight of an "HH:MM" at the start of a preview line. */
const minutesOf = (text: string) => {
  const [, h, m] = /(\d\d):(\d\d)/.exec(text)!;
  return Number(h) * 60 + Number(m);
};

test('the policy editor previews in plain words what a high-priority alert would do, and a manager saves a new policy', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  await signIn(page, relay, 'ann');
  await page.getByRole('link', { name: 'Policies' }).click();

  // The config file's policy: marked as config-managed, previewed through the real schedule.
  await expect(page.getByTestId('config-managed')).toContainText("This policy comes from the relay's config file (KLAXON_CONFIG)");
  const preview = page.getByTestId('policy-preview').getByRole('listitem');
  await expect(preview).toHaveCount(5);
  await expect(preview.nth(0)).toHaveText(/^\d\d:\d\d level 1 pages (Bob|Cara|Dan) Example \(NOC primary, on call( by override)?\)$/);
  await expect(preview.nth(1)).toHaveText(/^if unread by \d\d:\d\d, level 2 pages Ann Example$/);
  await expect(preview.nth(4)).toHaveText(/^if unread by \d\d:\d\d, failover: e-mail to lead@example\.com; tell Ann Example$/);

  // A new policy, built in the form; the preview follows every edit.
  await page.getByRole('button', { name: 'New policy' }).click();
  await page.getByLabel('Id').fill('db-oncall');
  await page.getByLabel('Name').fill('Database on call');
  await choose(page, 'Stop escalating when', 'the incident is acknowledged');
  await choose(page, 'Level 1 target 1', 'Bob Example');
  await page.getByRole('button', { name: 'Add level' }).click();
  await page.getByLabel('Level 2 delay').fill('10m');
  await choose(page, 'Level 2 target 1 kind', 'On call in');
  await choose(page, 'Level 2 target 1', 'NOC primary');
  await page.getByLabel('E-mail addresses').fill('dba-lead@example.com');

  await expect(preview).toHaveCount(3);
  await expect(preview.nth(0)).toHaveText(/^\d\d:\d\d level 1 pages Bob Example$/);
  await expect(preview.nth(1)).toHaveText(/^if not acknowledged by \d\d:\d\d, level 2 pages (Bob|Cara|Dan) Example \(NOC primary, on call( by override)?\)$/);
  await expect(preview.nth(2)).toHaveText(/^if not acknowledged by \d\d:\d\d, failover: e-mail to dba-lead@example\.com$/);
  const [first, second, third] = await preview.allTextContents();
  // Level 1 waits 5 minutes (the new level's default), level 2 ten: the times say so (modulo midnight).
  expect((minutesOf(second!) - minutesOf(first!) + 1440) % 1440).toBe(5);
  expect((minutesOf(third!) - minutesOf(first!) + 1440) % 1440).toBe(15);

  // A wrong delay is named by the shared schema, and the preview waits for it.
  await page.getByLabel('Level 2 delay').fill('soon');
  await expect(page.getByRole('alert')).toHaveText('Fix the marked fields to see the preview.');
  await expect(page.getByRole('group', { name: 'Level 2' }).getByText('use a duration such as "30s", "5m", "2h", "1d" or "1w"')).toBeVisible();
  await page.getByLabel('Level 2 delay').fill('10m');
  await expect(page.getByRole('alert')).toHaveCount(0);

  await page.getByRole('button', { name: 'Create policy' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toHaveText('Saved "Database on call".');
  await expect(page.getByRole('button', { name: 'Database on call' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('config-managed')).toHaveCount(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'policy-editor.png'), fullPage: true });

});

test('people without the manager role see the preview but cannot save', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  await signIn(page, relay, 'bob');
  await page.getByRole('link', { name: 'Policies' }).click();
  await expect(page.getByTestId('policy-preview').getByRole('listitem')).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Save policy' })).toBeDisabled();
  await expect(page.getByText('Only IR managers and admins can change policies.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New policy' })).toHaveCount(0);
});
