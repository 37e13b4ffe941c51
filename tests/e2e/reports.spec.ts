import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
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

async function enqueue(url: string, key: string, dedupKey: string, summary: string, severity: string): Promise<void> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'e2e.example.com', severity } }),
  });
  expect(response.status).toBe(202);
}

async function post(url: string, token: string, pathName: string, body: unknown = {}): Promise<void> {
  const response = await fetch(`${url}${pathName}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok, `${pathName} answered ${response.status}`).toBe(true);
}

/** The text of every body row of a report table, cell by cell. */
async function tableRows(page: Page, testId: string): Promise<string[][]> {
  return page
    .getByTestId(testId)
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').trim())));
}

/** Screenshots of the page at each size (checking nothing overflows sideways), then its printed form. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate("document.querySelector('.console__main')?.scrollTo(0, 0)");
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `${name} at ${size.width}×${size.height} overflows sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, `reports-${name}-${size.width}x${size.height}.png`), fullPage: true });
    // The console scrolls inside its main area: the rest of the page, a screen further down each time.
    for (let screen = 1; screen <= 3; screen++) {
      await page.evaluate(`document.querySelector('.console__main')?.scrollTo(0, ${screen} * ${size.height - 160})`);
      await page.screenshot({ path: path.join(ARTIFACTS, `reports-${name}-${size.width}x${size.height}-${screen}.png`) });
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a manager reads a report over seeded incidents, its table views and filters, downloads the CSV and prints it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;

  // Five incidents: three high (one of them on the databases, made confidential), one medium, one low.
  await enqueue(url, KEYS.eventsV2, 'disk-1', 'FS01 disk C: 97% full', 'critical');
  await enqueue(url, KEYS.eventsV2, 'cpu-1', 'APP02 CPU at 100%', 'error');
  await enqueue(url, KEYS.eventsV2, 'backup-1', 'Backup job failed on NAS01', 'warning');
  await enqueue(url, KEYS.eventsV2, 'printer-1', 'Printer queue stuck', 'info');
  await enqueue(url, KEYS.eventsV2Other, 'db-1', 'DB01 replication lag', 'critical');
  const ann = await apiToken(url, 'ann');
  const list = (await (await fetch(`${url}/api/v1/incidents`, { headers: { authorization: `Bearer ${ann}` } })).json()) as { incidents: Incident[] };
  const id = (key: string) => list.incidents.find((i) => i.dedupKey === key)!.id;
  await post(url, ann, `/api/v1/incidents/${id('disk-1')}/acknowledge`);
  await post(url, ann, `/api/v1/incidents/${id('cpu-1')}/resolve`);
  await post(url, ann, `/api/v1/incidents/${id('db-1')}/confidential`, { confidential: true });

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, url, 'ann');
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/#\/reports\?range=last-30-days$/);
  await expect(page.getByTestId('kpi-incidents').locator('strong')).toHaveText('5');
  await expect(page.getByTestId('kpi-incidents')).toContainText('high 3 · medium 1 · low 1');
  await expect(page.getByTestId('kpi-time-to-acknowledge')).toContainText('mean of 1');
  await expect(page.getByTestId('kpi-time-to-resolve')).toContainText('mean of 1');
  await expect(page.getByTestId('kpi-postmortems')).toBeVisible();

  // A chart's table view shows its numbers: today's bar is 3 high, 1 medium, 1 low.
  const perDay = page.getByTestId('incidents-per-day');
  await expect(perDay.locator('canvas')).toBeVisible();
  await page.getByRole('button', { name: 'Incidents per day: show table' }).click();
  await expect(perDay.locator('canvas')).toHaveCount(0);
  await expect(perDay.getByRole('table')).toBeVisible();
  const days = await tableRows(page, 'incidents-per-day-table');
  expect(days.length).toBeGreaterThanOrEqual(30);
  expect(days.filter((row) => row.slice(1).some((cell) => cell !== '0')).map((row) => row.slice(1))).toEqual([['3', '1', '1']]);
  await expect(page.getByRole('button', { name: 'Incidents per day: show chart' })).toHaveAttribute('aria-pressed', 'true');
  expect((await tableRows(page, 'by-service')).map((row) => row.slice(0, 2))).toEqual([
    ['RMM alerts', '4'],
    ['Databases', '1'],
  ]);
  expect((await tableRows(page, 'by-team')).map((row) => row.slice(0, 2))).toEqual([['Network Operations', '5']]);
  // This relay has no SMS/voice provider: the costs card says so instead of a table of zeros.
  await expect(page.getByTestId('phone-usage-empty')).toContainText('SMS and voice calls are not set up on this relay');
  await shoot(page, 'page');

  // The printed view: no navigation or buttons, on white.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.console__bar')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Print' })).toBeHidden();
  expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(255, 255, 255)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'reports-print.png'), fullPage: true });
  await page.pdf({ path: path.join(ARTIFACTS, 'reports-print.pdf'), format: 'A4', printBackground: true });
  await page.emulateMedia({ media: 'screen' });

  // A custom range starts from the days shown; one day (today, in the browser's zone) keeps all five.
  await page.getByRole('combobox', { name: 'Range' }).click();
  await page.getByRole('option', { name: 'Custom range' }).click();
  await expect(page).toHaveURL(/range=custom&from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  const today = (await page.evaluate('new Date().toLocaleDateString("sv")')) as string;
  await expect(page.getByLabel('Last day')).toHaveValue(today);
  await page.getByLabel('First day').fill(today);
  await page.getByLabel('First day').dispatchEvent('change');
  await expect(page).toHaveURL(new RegExp(`from=${today}&to=${today}`));
  await expect(page.getByTestId('report-period')).not.toContainText('–');
  await expect(page.getByTestId('kpi-incidents').locator('strong')).toHaveText('5');
  // A reversed range is refused on the page, before the relay is asked.
  await page.getByLabel('First day').fill('2099-01-02');
  await page.getByLabel('First day').dispatchEvent('change');
  await expect(page.getByTestId('report-error')).toHaveText('The last day comes before the first day.');
  await page.getByRole('combobox', { name: 'Range' }).click();
  await page.getByRole('option', { name: 'Last 30 days' }).click();
  await expect(page.getByTestId('kpi-incidents').locator('strong')).toHaveText('5');

  // A filter goes into the URL and narrows the report.
  await page.getByRole('combobox', { name: 'Priority' }).click();
  await page.getByRole('option', { name: 'High' }).click();
  await expect(page).toHaveURL(/priority=high/);
  await expect(page.getByTestId('kpi-incidents').locator('strong')).toHaveText('3');

  // The CSV of what is shown, downloaded with the session's token.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^klaxon-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
  expect(csv[0]).toBe('section,key,name,metric,value');
  expect(csv).toContain('query,,,priority,high');
  expect(csv).toContain('totals,,All incidents,incidents,3');
  expect(csv).toContain('totals,,All incidents,incidents.high,3');
  // Without the token the same address is refused.
  expect((await fetch(`${url}/api/v1/reports/summary.csv?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`)).status).toBe(401);

  // Back from the board through the navigation, the range and filters chosen before are kept.
  await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Board', exact: true }).click();
  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/#\/reports\?range=last-30-days&priority=high$/);
  await expect(page.getByTestId('kpi-incidents').locator('strong')).toHaveText('3');

  // A shared link opens the same report; a mangled one opens a sane report and says so in its URL.
  const shared = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(shared, url, 'ann');
  await shared.goto(`${url}/#/reports?range=last-7-days&service=db`);
  await expect(shared.getByTestId('kpi-incidents').locator('strong')).toHaveText('1');
  await shared.goto(`${url}/#/reports?range=forever&team=NOC!`);
  await expect(shared).toHaveURL(/#\/reports\?range=last-30-days$/);
  await expect(shared.getByTestId('kpi-incidents').locator('strong')).toHaveText('5');
  // A range with no incidents says so.
  await shared.goto(`${url}/#/reports?range=last-month`);
  await expect(shared.getByTestId('report-empty')).toContainText('No incidents were first seen in this range');
  await shared.screenshot({ path: path.join(ARTIFACTS, 'reports-empty-1280x800.png') });
  await shared.close();

  // Dan, a responder off the need-to-know list, gets the report without the confidential incident.
  const dan = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(dan, url, 'dan');
  await dan.goto(`${url}/#/reports?range=last-30-days`);
  await expect(dan.getByTestId('kpi-incidents').locator('strong')).toHaveText('4');
  expect((await tableRows(dan, 'by-service')).map((row) => row[0])).toEqual(['RMM alerts']);
  await dan.close();
});
