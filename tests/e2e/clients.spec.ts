import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken, signIn } from '../support/console-sign-in.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

/**
 * Takes a full-page screenshot at each size, and checks that neither the page nor the elements
 * matching `boxes` (e.g. the board's header row, whose overflow is hidden) are wider than their box.
 */
async function shoot(page: Page, name: string, boxes: string[] = []): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    // The console scrolls inside its main area: show each page from its top.
    await page.evaluate("document.querySelector('.console__main')?.scrollTo(0, 0)");
    // Two animation frames: the resized layout (and ResizeObservers) have run.
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const widths = (await page.evaluate(`[document.documentElement, ...${JSON.stringify(boxes)}.flatMap((s) => [...document.querySelectorAll(s)])]
      .map((e) => e.scrollWidth - e.clientWidth)`)) as number[];
    expect(widths.every((w) => w <= 0), `${name} at ${size.width}×${size.height} overflows sideways: ${widths.join(', ')}`).toBe(true);
    await page.screenshot({ path: path.join(ARTIFACTS, `clients-${name}-${size.width}x${size.height}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

const INITECH = {
  id: 'initech',
  name: 'Initech Ltd',
  contacts: [{ name: 'Bill Lumbergh', role: 'Operations', email: 'bill@initech.example' }],
  services: ['db'],
  processes: [{ id: 'payroll', name: 'Payroll', criticality: 'critical', services: ['db'] }],
};

test('a manager maps a client and its business map, and an alert on its service shows the client and the critical process', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'New client' }).click();

  // Invalid input: the shared schema's message shows at the field, and nothing is sent.
  await page.getByLabel('Client id').fill('Initech Ltd');
  await page.getByLabel('Client name').fill('Initech Ltd');
  await page.getByRole('button', { name: 'Add contact' }).click();
  const contact = page.getByTestId('contact-row');
  await page.getByLabel('Contact 1 name').fill('Bill Lumbergh');
  await page.getByLabel('Contact 1 role').fill('Operations');
  await page.getByLabel('Contact 1 e-mail').fill('bill-at-initech');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByTestId('client-message')).toHaveText('Fix the marked fields first.');
  await expect(page.getByText('use 1–64 lower-case letters, digits, ".", "_" or "-"')).toBeVisible();
  await expect(contact.locator('small')).toHaveText([/email/i]);
  await page.getByLabel('Client id').fill('initech');
  await page.getByLabel('Contact 1 e-mail').fill('bill@initech.example');

  // The service that belongs to the client, and its business map: a critical process depending on it.
  await page.locator('.p-multiselect', { has: page.getByRole('combobox', { name: 'Services of this client' }) }).click();
  await page.getByRole('option', { name: 'Databases' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Name of the new process').fill('Payroll');
  await page.getByRole('button', { name: 'Add process' }).click();
  const payroll = page.getByTestId('map-process').filter({ hasText: 'Routine' });
  await expect(payroll).toHaveCount(1);
  await page.getByRole('combobox', { name: 'Criticality of Payroll' }).click();
  await page.getByRole('option', { name: 'Critical', exact: true }).click();
  await page.getByRole('combobox', { name: 'Attach a service to Payroll' }).click();
  await page.getByRole('option', { name: 'Databases' }).click();
  const map = page.getByTestId('business-map');
  await expect(map.getByTestId('criticality')).toHaveText('Critical');
  await expect(map.getByTestId('map-service')).toHaveText(/Databases/);

  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByTestId('client-message')).toHaveText('Saved "Initech Ltd".');
  await expect(page.getByRole('button', { name: 'Initech Ltd' })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByRole('button', { name: 'Save client' })).toBeVisible();

  // The relay kept it: a fresh read through the API has the map as it was built.
  const token = await apiToken(relay.url, 'ann');
  const stored = await fetch(`${relay.url}/api/v1/clients/initech`, { headers: { authorization: `Bearer ${token}` } });
  expect(stored.status).toBe(200);
  expect(((await stored.json()) as { client: unknown }).client).toMatchObject({ ...INITECH, managedBy: 'console' });
  await shoot(page, 'page', ['.clients__main']);

  // A second client with the same id is refused by the relay, and the refusal is shown.
  await page.getByRole('button', { name: 'New client' }).click();
  await page.getByLabel('Client id').fill('initech');
  await page.getByLabel('Client name').fill('Initech again');
  await page.getByRole('button', { name: 'Create client' }).click();
  await expect(page.getByTestId('client-message')).not.toHaveText(/Saved|Fix the marked/);
  await expect(page.getByRole('button', { name: 'Initech again' })).toHaveCount(0);

  // An alert on the client's service: the board names the client, the detail page its critical process.
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2Other,
      event_action: 'trigger',
      dedup_key: 'payroll-db-1',
      payload: { summary: 'Payroll database not answering', source: 'sql01.initech.example', severity: 'critical' },
    }),
  });
  expect(response.status).toBe(202);
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  const row = page.getByTestId('board-row').filter({ hasText: 'Payroll database not answering' });
  await expect(row.getByTestId('board-client')).toHaveText('Initech Ltd');
  await expect(page.getByRole('columnheader', { name: 'Client' })).toBeVisible();

  // The client filter: kept in the URL, and it narrows the board.
  await page.locator('.p-multiselect', { has: page.getByRole('combobox', { name: 'Filter by client' }) }).click();
  await page.getByRole('option', { name: 'Initech Ltd' }).click();
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/[?&]client=initech/);
  await expect(page.getByTestId('board-row')).toHaveCount(1);
  await shoot(page, 'board', ['.board-table__head', '.board-toolbar']);

  await row.getByRole('link', { name: 'Payroll database not answering' }).click();
  const panel = page.getByTestId('detail-client');
  await expect(panel.getByTestId('detail-client-name')).toHaveText('Initech Ltd');
  await expect(panel.getByText('Bill Lumbergh')).toBeVisible();
  await expect(panel.getByText('bill@initech.example')).toBeVisible();
  await expect(panel.getByTestId('affected-process')).toHaveText([/^Critical\s*Payroll$/]);
  await shoot(page, 'detail', ['.incident-detail']);
});

test('a triage analyst reads the Clients page but cannot change it, and the relay refuses the write', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const manager = await apiToken(relay.url, 'ann');
  const created = await fetch(`${relay.url}/api/v1/clients`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${manager}` },
    body: JSON.stringify(INITECH),
  });
  expect(created.status).toBe(201);

  await signIn(page, relay, 'bob');
  await page.getByRole('link', { name: 'Clients' }).click();
  await page.getByRole('button', { name: 'Initech Ltd' }).click();
  await expect(page.getByTestId('clients-read-only')).toBeVisible();
  await expect(page.getByLabel('Client name')).toBeDisabled();
  await expect(page.getByTestId('map-process')).toHaveText(/Critical\s*Payroll/);
  for (const name of ['New client', 'Save client', 'Delete client', 'Add process', 'Add contact']) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await expect(page.getByRole('combobox', { name: 'Attach a service to Payroll' })).toHaveCount(0);

  // The buttons are hidden, and the relay refuses anyway.
  const analyst = await apiToken(relay.url, 'bob');
  const put = await fetch(`${relay.url}/api/v1/clients/initech`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${analyst}` },
    body: JSON.stringify({ ...INITECH, name: 'Renamed by an analyst' }),
  });
  expect(put.status).toBe(403);
  const del = await fetch(`${relay.url}/api/v1/clients/initech`, { method: 'DELETE', headers: { authorization: `Bearer ${analyst}` } });
  expect(del.status).toBe(403);
});
