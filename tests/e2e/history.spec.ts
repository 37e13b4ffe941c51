import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { HistoryPage } from '../../shared/schemas/history.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken, signIn } from '../support/console-sign-in.js';

/** Screenshots go outside the repository (KLAXON_SHOTS, or a folder in the temp dir). */
const SHOTS = process.env.KLAXON_SHOTS ?? path.join(tmpdir(), 'klaxon-history-shots');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
/** A word that appears only in one alert's payload (its custom details), never in a summary. */
const WORD = 'quokkafrost';

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function enqueue(url: string, dedupKey: string, summary: string, details: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary, source: 'fs-2.example.com', severity: 'warning', custom_details: details },
    }),
  });
  expect(response.status).toBe(202);
}

async function call(url: string, token: string, pathName: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${url}${pathName}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${pathName} answered ${response.status}`).toBe(true);
  return response.json();
}

/** Screenshots of the page at both sizes, checking nothing overflows sideways. */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `${name} at ${size.width}×${size.height} overflows sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `history-${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize(SIZES[0]);
}

test('the History page finds a resolved incident by a word of its payload, keeps the search in the URL, and opens it', async ({ browser }) => {
  test.setTimeout(240_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  const ann = await apiToken(url, 'ann');

  await enqueue(url, 'backup-slow', 'Nightly backup slow on fs-2', { detail: `checksum ${WORD} mismatch on volume 3`, volume: 3 });
  await enqueue(url, 'cfo-mail', 'Mailbox of the CFO forwarding outside', { rule: `forward ${WORD} to external` });
  await enqueue(url, 'cpu-high', 'CPU high on web-1', { load: 9.5 });
  const board = (await call(url, ann, '/api/v1/incidents?status=open')) as { incidents: { id: string; dedupKey: string }[] };
  const id = (key: string) => board.incidents.find((i) => i.dedupKey === key)!.id;
  await call(url, ann, `/api/v1/incidents/${id('backup-slow')}/resolve`, {});
  await call(url, ann, `/api/v1/incidents/${id('cfo-mail')}/confidential`, { confidential: true });

  // The IR manager searches the word: both incidents with it, the resolved one with its snippet.
  const page = await browser.newPage({ viewport: SIZES[0] });
  await signIn(page, url, 'ann');
  await page.getByRole('link', { name: 'History' }).click();
  await expect(page.getByTestId('history-total')).toHaveText('3 incidents');
  await page.keyboard.press('/');
  await expect(page.getByTestId('history-q')).toBeFocused();
  await page.keyboard.type(WORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/history\\?q=${WORD}&status=any$`));
  await expect(page.getByTestId('history-total')).toHaveText('2 incidents');
  const row = page.getByTestId('history-row').filter({ hasText: 'Nightly backup slow on fs-2' });
  await expect(row).toContainText('Resolved');
  await expect(row.locator('mark')).toHaveText(WORD);
  await shoot(page, 'results');

  // A facet count narrows on click, and a second click lifts it again.
  const medium = page.getByTestId('history-facet-priority').getByRole('button', { name: /Medium/ });
  await expect(medium).toHaveText(/Medium\s*1/);
  await medium.click();
  await expect(page).toHaveURL(new RegExp(`#/history\\?q=${WORD}&status=any&priority=medium$`));
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await expect(medium).toHaveAttribute('aria-pressed', 'true');
  await medium.click();
  await expect(page).toHaveURL(new RegExp(`#/history\\?q=${WORD}&status=any$`));
  await expect(page.getByTestId('history-row')).toHaveCount(2);

  // The same search as a link, narrowed to resolved ones; back and forward walk the searches.
  await page.getByTestId('history-filter-status').click();
  await page.getByRole('option', { name: 'Resolved' }).click();
  await expect(page).toHaveURL(new RegExp(`#/history\\?q=${WORD}&status=resolved$`));
  await expect(page.getByTestId('history-row')).toHaveCount(1);
  await page.goBack();
  await expect(page).toHaveURL(new RegExp(`status=any$`));
  await expect(page.getByTestId('history-row')).toHaveCount(2);
  await page.goForward();
  await expect(page.getByTestId('history-row')).toHaveCount(1);

  // Saved: a personal search listed beside the results, run later from there.
  await page.getByRole('button', { name: 'Save this search' }).click();
  await page.getByLabel('Name').fill('Backup checksum');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  const saved = page.getByTestId('saved-search').filter({ hasText: 'Backup checksum' });
  await expect(saved).toBeVisible();
  await page.goto(`${url}/#/history?q=nothing-like-it`);
  await expect(page.getByTestId('history-empty')).toHaveText(/No incidents match “nothing-like-it”/);
  await shoot(page, 'empty');
  await saved.getByRole('button', { name: 'Backup checksum', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`#/history\\?q=${WORD}&status=resolved$`));
  await expect(page.getByTestId('history-q')).toHaveValue(WORD);

  // Enter on the selected row opens the resolved incident; its back link returns to the search.
  await page.getByTestId('history-row').first().focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`#/incidents/${id('backup-slow')}$`));
  await expect(page.getByTestId('incident-summary')).toHaveText('Nightly backup slow on fs-2');
  const back = page.locator('a.incident-detail__back');
  await expect(back).toHaveText('History');
  await back.click();
  await expect(page).toHaveURL(new RegExp(`#/history\\?q=${WORD}&status=resolved$`));
  await saved.getByRole('button', { name: 'Delete Backup checksum' }).click();
  await expect(page.getByTestId('saved-search')).toHaveCount(0);
});

test('a confidential incident is absent for an analyst off its list, and a bad date is named beside its filter', async ({ browser }) => {
  test.setTimeout(180_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  const ann = await apiToken(url, 'ann');
  await enqueue(url, 'cfo-mail', 'Mailbox of the CFO forwarding outside', { rule: `forward ${WORD} to external` });
  await enqueue(url, 'backup-slow', 'Nightly backup slow on fs-2', { detail: `checksum ${WORD} mismatch` });
  const board = (await call(url, ann, '/api/v1/incidents?status=open')) as { incidents: { id: string; dedupKey: string }[] };
  await call(url, ann, `/api/v1/incidents/${board.incidents.find((i) => i.dedupKey === 'cfo-mail')!.id}/confidential`, { confidential: true });

  // Bob (triage analyst, not on the list) finds only the other one, in the rows and the counts.
  const bob = await browser.newPage({ viewport: SIZES[0] });
  await signIn(bob, url, 'bob');
  await bob.goto(`${url}/#/history?q=${WORD}`);
  await expect(bob.getByTestId('history-total')).toHaveText('1 incident');
  await expect(bob.getByTestId('history-row')).toHaveCount(1);
  await expect(bob.locator('body')).not.toContainText('CFO');
  const asBob = (await call(url, await apiToken(url, 'bob'), `/api/v1/incidents?q=${WORD}&status=any`)) as HistoryPage;
  expect(asBob.total).toBe(1);
  expect(Object.values(asBob.facets.priority).reduce((a, b) => a + b, 0)).toBe(1);

  // Ann's shared search is listed for Bob, but only Ann may delete it; her personal one is not listed.
  await call(url, ann, '/api/v1/saved-searches', { name: 'Team: quokka', query: `q=${WORD}`, shared: true });
  await call(url, ann, '/api/v1/saved-searches', { name: 'Ann only', query: 'q=cfo', shared: false });
  await bob.reload();
  await expect(bob.getByTestId('saved-search')).toHaveCount(1);
  await expect(bob.getByTestId('saved-search')).toContainText('Team: quokka');
  await expect(bob.getByRole('button', { name: /^Delete/ })).toHaveCount(0);

  // Words past the relay's limit are refused beside the search box.
  await bob.goto(`${url}/#/history?q=${'x'.repeat(600)}`);
  await expect(bob.getByTestId('history-error-q')).toHaveText(/\S/);
  await expect(bob.getByTestId('history-row')).toHaveCount(0);

  // A date the relay cannot read is refused; the page says so beside the date filter.
  await bob.goto(`${url}/#/history?q=${WORD}&from=2026-13-45`);
  await expect(bob.getByTestId('history-error-from')).toHaveText(/\S/);
  await expect(bob.getByTestId('history-filter-from')).toHaveAttribute('aria-invalid', 'true');
  await expect(bob.getByTestId('history-row')).toHaveCount(0);
});
