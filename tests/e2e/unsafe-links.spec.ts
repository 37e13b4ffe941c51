import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import Database from 'better-sqlite3';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';

// Ingest drops links that are not http(s), but a database written by an older relay may hold some:
// the incident detail must show them as text, never as something a click would run or open.

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');
const SAFE = 'https://grafana.example.com/d/fs01';
const OLD_LINKS = [
  { href: SAFE, text: 'Grafana: FS01' },
  { href: 'javascript:alert(document.cookie)', text: 'Open runbook' },
  { href: 'data:text/html,<script>alert(1)</script>', text: 'Preview' },
  { href: 'file:///etc/passwd' },
  { href: 'JaVaScRiPt:alert(1)', text: 'ConnectWise ticket' },
];

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

test('the incident detail renders links from old data that are not http(s) as text, not as links', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'old-links',
      payload: { summary: 'Share offline on FS01', source: 'fs01.example.com', severity: 'error' },
    }),
  });
  expect(response.status).toBe(202);
  // What an older relay stored, written straight into its database.
  const db = new Database(relay.dbPath);
  db.pragma('busy_timeout = 5000');
  expect(db.prepare('UPDATE incidents SET links = ? WHERE dedup_key = ?').run(JSON.stringify(OLD_LINKS), 'old-links').changes).toBe(1);
  db.close();

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay.url, 'ann');
  await page.getByTestId('board-row').filter({ hasText: 'Share offline on FS01' }).getByRole('link').click();
  await expect(page.getByTestId('incident-summary')).toHaveText('Share offline on FS01');
  const links = page.getByRole('list', { name: 'Links to the source' });
  await expect(links.getByRole('link', { name: 'Grafana: FS01' })).toHaveAttribute('href', SAFE);
  await expect(links.getByTestId('unsafe-link')).toHaveCount(4);
  await expect(links.getByTestId('unsafe-link').first()).toHaveText('Open runbook: javascript:alert(document.cookie)');
  await expect(links.getByRole('link')).toHaveCount(1);
  // Nowhere on the page is there a link to anything but http(s) or the console's own routes.
  const hrefs = await page.locator('a[href]').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  expect(hrefs.filter((h) => !/^(https?:|#|\/)/i.test(h))).toEqual([]);
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'unsafe-links-1280x800.png') });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: path.join(ARTIFACTS, 'unsafe-links-1920x1080.png') });
});
