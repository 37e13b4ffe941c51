import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { expect, type Page, test } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function signIn(page: Page, username: string): Promise<void> {
  await page.goto(`${relay!.url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(`change-me-${username}`);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
}

async function post(url: string, body: unknown): Promise<number> {
  const response = await fetch(`${relay!.url}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.status;
}

test('a manager reads the audit trail, filters it, and sees verify name a row edited in the database', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  expect(await post('/api/v1/auth/login', { username: 'bob', password: 'wrong' })).toBe(401);
  expect(await post('/v2/enqueue', {
    routing_key: KEYS.eventsV2,
    event_action: 'trigger',
    dedup_key: 'audit-e2e',
    payload: { summary: 'Disk full on db-1', source: 'e2e', severity: 'critical' },
  })).toBe(202);

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'ann');
  await page.getByRole('link', { name: 'Audit' }).click();
  const table = page.getByTestId('audit-table');
  await expect(table.getByRole('row', { name: /auth\.login-failed/ })).toBeVisible();
  await expect(table.getByRole('row', { name: /config\.applied/ })).toBeVisible();
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'audit-1280x800.png') });

  // Filter by action.
  await page.getByLabel('Action').click();
  await page.getByRole('option', { name: 'auth.login-failed' }).click();
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(table.getByRole('row', { name: /config\.applied/ })).toHaveCount(0);
  await expect(table.getByRole('row', { name: /auth\.login-failed/ })).toHaveCount(1);
  // A filter nothing matches shows the empty state.
  await page.getByLabel('Actor').fill('nobody-at-all');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(table).toContainText('No audit events match these filters.');
  await page.getByRole('button', { name: 'Clear' }).click();
  await expect(table.getByRole('row', { name: /config\.applied/ })).toBeVisible();

  await page.getByRole('button', { name: 'Verify chains' }).click();
  await expect(page.getByTestId('audit-verdict')).toContainText('Intact:');

  const db = new BetterSqlite3(relay.dbPath);
  try {
    db.pragma('busy_timeout = 5000');
    db.prepare("update audit_events set address = '203.0.113.9' where action = 'auth.login-failed'").run();
  } finally {
    db.close();
  }
  await page.getByRole('button', { name: 'Verify chains' }).click();
  await expect(page.getByTestId('audit-verdict')).toContainText(/Broken at audit event #\d+: hash should be/);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'audit-1920x1080.png') });
});

test('an analyst is told the audit trail is for managers, and the relay refuses the API', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, 'bob');
  await page.getByRole('link', { name: 'Audit' }).click();
  await expect(page.getByText('Only admins and IR managers read the audit trail.')).toBeVisible();
  await expect(page.getByTestId('audit-table')).toHaveCount(0);
});
