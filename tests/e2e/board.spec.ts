import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { expect, test } from './csp-watch.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { freePort, type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken, signIn } from '../support/console-sign-in.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

let relay: RelayProcess | undefined;
let dataDir: string | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  dataDir = undefined;
});

async function startRelay(port?: number): Promise<RelayProcess> {
  dataDir ??= mkdtempSync(path.join(tmpdir(), 'klaxon-board-'));
  return startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() }, dataDir, ...(port ? { port } : {}) });
}

async function enqueue(url: string, dedupKey: string, summary: string, severity: string): Promise<void> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary, source: 'fs01.example.com', severity, custom_details: { disk: 'C:', used: '97%' } },
      links: [{ href: 'https://grafana.example.com/d/fs01', text: 'Grafana: FS01' }],
    }),
  });
  expect(response.status).toBe(202);
}

async function incidentByKey(url: string, token: string, dedupKey: string): Promise<Incident> {
  const response = await fetch(`${url}/api/v1/incidents?status=resolved&limit=1000`, { headers: { authorization: `Bearer ${token}` } });
  const open = await fetch(`${url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } });
  const all = [
    ...((await response.json()) as { incidents: Incident[] }).incidents,
    ...((await open.json()) as { incidents: Incident[] }).incidents,
  ];
  return all.find((i) => i.dedupKey === dedupKey)!;
}

const row = (page: Page, text: string) => page.getByTestId('board-row').filter({ hasText: text });
const rowIds = (page: Page) => page.getByTestId('board-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-incident-id')));

test('triage on the live board: alert in, keyboard acknowledge, false positive, forensic assignment, detail, reconnect', async ({ page }) => {
  test.setTimeout(150_000);
  const port = await freePort();
  relay = await startRelay(port);
  await signIn(page, relay.url, 'ann');
  await expect(page.getByRole('heading', { name: 'All quiet — no open incidents' })).toBeVisible();

  // An alert posted to the relay is on the board within a second.
  // Timed from the relay's 202 (the alert is committed) to the row being on screen.
  await enqueue(relay.url, 'fs01-disk', 'FS01 disk C: 97% full', 'critical');
  const accepted = Date.now();
  await expect(row(page, 'FS01 disk C: 97% full')).toBeVisible({ timeout: 1_000 });
  console.info(`alert on the board ${Date.now() - accepted} ms after the relay accepted it`);
  await expect(row(page, 'FS01 disk C: 97% full')).toContainText('High');
  await expect(row(page, 'FS01 disk C: 97% full')).toContainText('Triggered');

  // Acknowledge with the keyboard.
  await page.locator('body').press('j');
  await expect(row(page, 'FS01 disk C: 97% full')).toHaveAttribute('aria-current', 'true');
  await page.locator('body').press('a');
  await expect(row(page, 'FS01 disk C: 97% full')).toContainText('Acknowledged');

  // Dismiss another one as a false positive, with a reason.
  await enqueue(relay.url, 'scan-1', 'Port scan from 10.0.4.7', 'warning');
  await expect(row(page, 'Port scan from 10.0.4.7')).toBeVisible();
  await page.locator('body').press('j');
  await expect(row(page, 'Port scan from 10.0.4.7')).toHaveAttribute('aria-current', 'true');
  await page.locator('body').press('f');
  await page.getByLabel('Why is it a false positive?').fill('Scheduled vulnerability scan from 10.0.4.7');
  await page.getByLabel('Why is it a false positive?').press('Enter');
  await expect(row(page, 'Port scan from 10.0.4.7')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);
  const token = await apiToken(relay.url, 'ann');
  const dismissed = await incidentByKey(relay.url, token, 'scan-1');
  expect(dismissed.status).toBe('resolved');
  expect(dismissed.triageVerdict).toBe('false_positive');

  // Assign a forensic analyst to the acknowledged incident (the cursor is back on it).
  await expect(row(page, 'FS01 disk C: 97% full')).toHaveAttribute('aria-current', 'true');
  await page.locator('body').press('g');
  await page.getByLabel('Find a person').fill('cara');
  await page.getByLabel('Find a person').press('Enter');
  // The Assigned cell shows first names (triage / forensic); the full names are in its title.
  const assigned = row(page, 'FS01 disk C: 97% full').getByTestId('board-assigned');
  await expect(assigned).toHaveText(/— \/ Cara/);
  await expect(assigned).toHaveAttribute('title', /Forensic: Cara Example/);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  mkdirSync(ARTIFACTS, { recursive: true });
  await enqueue(relay.url, 'vpn-1', 'VPN concentrator unreachable', 'error');
  await expect(row(page, 'VPN concentrator unreachable')).toHaveClass(/board-row--alarm/);
  await page.screenshot({ path: path.join(ARTIFACTS, 'board.png') });
  // The README's screenshots come from every-page.spec.ts (a board with several incidents).

  // Open the detail from the keyboard and see the timeline with times and actors.
  // The new high priority incident sorts first; the cursor stays on FS01.
  await expect(page.getByTestId('board-row').first()).toContainText('VPN concentrator unreachable');
  await expect(row(page, 'FS01 disk C: 97% full')).toHaveAttribute('aria-current', 'true');
  await page.locator('body').press('Enter');
  await expect(page.getByTestId('incident-summary')).toHaveText('FS01 disk C: 97% full');
  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-type="incident.opened"]')).toBeVisible();
  await expect(timeline.locator('[data-type="incident.acknowledged"]')).toContainText('Ann Example');
  await expect(timeline.locator('[data-type="assignee.set"]')).toContainText('Forensic analyst set to Cara Example');
  await expect(timeline.locator('[data-type="incident.acknowledged"] time')).toHaveText(/\d\d:\d\d:\d\d [A-Z][\w+:-]*$/);
  await expect(page.getByRole('link', { name: 'Grafana: FS01' })).toHaveAttribute('href', 'https://grafana.example.com/d/fs01');
  await page.getByLabel('New note').fill('Cleared temp files; watching growth');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.locator('.notes')).toContainText('Cleared temp files; watching growth');
  await expect(timeline.locator('[data-type="note.added"]')).toContainText('Ann Example');
  await page.getByText('trigger · critical · events-v2').click();
  await expect(page.locator('.alert__payload')).toContainText('"used": "97%"');
  await page.locator('.console__main').evaluate((main) => main.scrollTo(0, 0));
  await page.screenshot({ path: path.join(ARTIFACTS, 'incident-detail.png') });

  // Kill the relay; change things while the console is cut off; restart; the board resyncs.
  await page.getByRole('link', { name: 'Board' }).first().click();
  await expect(page.getByTestId('board-row')).toHaveCount(2);
  await relay.kill9();
  await expect(page.getByTestId('connection-state')).toHaveText(/^(Reconnecting…|Offline since \d\d:\d\d [A-Z][\w+:-]*)$/);
  relay = await startRelay(port);
  // The console retries with a growing backoff, so these changes usually land before it is back
  // (then only the snapshot brings them); either way the board must end up exact.
  await enqueue(relay.url, 'dc02-repl', 'DC02 replication failing', 'critical');
  const vpn = await incidentByKey(relay.url, await apiToken(relay.url, 'ann'), 'vpn-1');
  const resolved = await fetch(`${relay.url}/api/v1/incidents/${vpn.id}/resolve`, {
    method: 'POST',
    headers: { authorization: `Bearer ${await apiToken(relay.url, 'ann')}`, 'content-type': 'application/json' },
    body: '{}',
  });
  expect(resolved.status).toBe(200);

  await expect(page.getByTestId('connection-state')).toHaveText('Live', { timeout: 45_000 });
  await expect(row(page, 'DC02 replication failing')).toBeVisible();
  await expect(row(page, 'VPN concentrator unreachable')).toHaveCount(0);
  await expect(page.getByTestId('board-row')).toHaveCount(2);
  const ids = await rowIds(page);
  expect(new Set(ids).size).toBe(ids.length);
  await expect(row(page, 'FS01 disk C: 97% full').getByTestId('board-assigned')).toHaveAttribute('title', /Forensic: Cara Example/);
  // Live again after the resync: a new alert still arrives at once.
  await enqueue(relay.url, 'after-1', 'Printer queue stuck', 'info');
  await expect(row(page, 'Printer queue stuck')).toBeVisible({ timeout: 1_000 });
  await expect(page.getByTestId('board-row')).toHaveCount(3);
});

test('the relay refuses a responder who tries to reassign, and the board says so', async ({ page }) => {
  relay = await startRelay();
  await enqueue(relay.url, 'refuse-1', 'Backup job failed on NAS01', 'error');
  await signIn(page, relay.url, 'dan');
  await expect(row(page, 'Backup job failed on NAS01')).toBeVisible();
  await page.locator('body').press('j');
  await page.locator('body').press('g');
  await page.getByLabel('Find a person').fill('cara');
  await page.getByLabel('Find a person').press('Enter');
  await expect(page.getByTestId('board-error')).toContainText('refused');
  await expect(page.getByTestId('board-error')).toContainText('assign-forensic needs the role admin or ir-manager');
  // Nobody is assigned anywhere, so the Assigned column stays folded away.
  await expect(row(page, 'Backup job failed on NAS01')).not.toContainText('Cara');
  await expect(row(page, 'Backup job failed on NAS01').getByTestId('board-assigned')).toHaveCount(0);
  // The shortcuts are one key away.
  // The picker has closed (it animates out) before the next key.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Dismiss as a false positive');
});

test('a forensic analyst hands in evidence and the detail shows its SHA-256 and handler', async ({ page }) => {
  relay = await startRelay();
  await enqueue(relay.url, 'ev-1', 'Ransom note found on FS02', 'critical');
  await signIn(page, relay.url, 'cara');
  await row(page, 'Ransom note found on FS02').getByRole('link').click();
  await expect(page.getByTestId('incident-summary')).toHaveText('Ransom note found on FS02');
  // The form is behind its button.
  await expect(page.locator('input[type="file"]')).toHaveCount(0);
  await page.getByRole('button', { name: 'Add evidence' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: 'note.txt', mimeType: 'text/plain', buffer: Buffer.from('YOUR FILES ARE ENCRYPTED') });
  await page.getByLabel('Description').fill('Ransom note from FS02 share root');
  await page.getByLabel('Where it came from').fill('FS02 \\\\share\\root, copied by Cara');
  await page.getByRole('button', { name: 'Hand in evidence' }).click();
  const evidence = page.getByTestId('evidence');
  // sha256("YOUR FILES ARE ENCRYPTED")
  const { createHash } = await import('node:crypto');
  await expect(evidence).toContainText(createHash('sha256').update('YOUR FILES ARE ENCRYPTED').digest('hex'));
  await expect(evidence).toContainText('Cara Example');
  await expect(page.getByTestId('timeline').locator('[data-type="evidence.added"]')).toBeVisible();
});
