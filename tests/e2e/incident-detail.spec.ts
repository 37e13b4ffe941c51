import { expect, test } from './csp-watch.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function enqueue(url: string, dedupKey: string, summary: string, severity: string): Promise<void> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'edge01', severity } }),
  });
  expect(response.status).toBe(202);
}

async function incidentByKey(url: string, token: string, dedupKey: string): Promise<Incident> {
  const lists = await Promise.all(
    ['/api/v1/incidents', '/api/v1/incidents?status=resolved&limit=1000'].map(async (p) => {
      const response = await fetch(`${url}${p}`, { headers: { authorization: `Bearer ${token}` } });
      return ((await response.json()) as { incidents: Incident[] }).incidents;
    }),
  );
  return lists.flat().find((i) => i.dedupKey === dedupKey)!;
}

test('a triage analyst triages from the detail page by keys and buttons; what the role may not is refused with why; need-to-know holds', async ({ page, browser }) => {
  test.setTimeout(240_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  await enqueue(url, 'ransom-3', 'Ransomware beacon from WS-114', 'critical');
  await enqueue(url, 'scan-2', 'Port scan from 10.0.4.7', 'warning');
  await enqueue(url, 'cfo-1', 'Mailbox of the CFO forwarding to an outside address', 'critical');
  const ann = await apiToken(url, 'ann');
  const ransom = await incidentByKey(url, ann, 'ransom-3');
  const scan = await incidentByKey(url, ann, 'scan-2');
  const cfo = await incidentByKey(url, ann, 'cfo-1');
  const confidential = await fetch(`${url}/api/v1/incidents/${cfo.id}/confidential`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ann}`, 'content-type': 'application/json' },
    body: JSON.stringify({ confidential: true }),
  });
  expect(confidential.ok).toBe(true);

  // Bob is a triage analyst. On the detail page, v records the verdict "confirmed" (the board's key).
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, url, 'bob');
  await page.goto(`${url}/#/incidents/${encodeURIComponent(ransom.id)}`);
  await expect(page.getByTestId('incident-summary')).toHaveText('Ransomware beacon from WS-114');
  await expect(page.getByRole('button', { name: 'Confirmed' })).toBeEnabled();
  await page.locator('body').press('v');
  await expect(page.getByTestId('verdict')).toHaveText('Confirmed incident');
  await expect(page.getByRole('button', { name: 'Confirmed' })).toBeDisabled();
  expect((await incidentByKey(url, ann, 'ransom-3')).triageVerdict).toBe('confirmed');

  // Setting the priority is for IR managers and admins: the relay refuses Bob, and the page says why.
  await page.locator('body').press('p');
  await expect(page.getByRole('dialog', { name: 'Set the priority' })).toBeVisible();
  await page.getByRole('button', { name: /Medium/ }).click();
  await expect(page.getByTestId('triage-error')).toContainText('refused');
  await expect(page.getByTestId('triage-error')).toContainText('set-priority needs the role admin or ir-manager');
  expect((await incidentByKey(url, ann, 'ransom-3')).priority).toBe('high');

  // t assigns a triage analyst, as on the board.
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await page.locator('body').press('t');
  await page.getByLabel('Find a person').fill('bob');
  await page.getByLabel('Find a person').press('Enter');
  await expect(page.locator('.detail-header__facts')).toContainText('Bob Example');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The keys are listed on the page, the board's own lines.
  await page.locator('body').press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Dismiss as a false positive');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).not.toContainText('Next incident');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await shootBothSizes(page, 'incident-detail', { fullPage: true });

  // The false positive by its button, with the reason; the incident closes as one.
  await page.goto(`${url}/#/incidents/${encodeURIComponent(scan.id)}`);
  await expect(page.getByTestId('incident-summary')).toHaveText('Port scan from 10.0.4.7');
  await page.getByRole('button', { name: 'False positive' }).click();
  await page.getByLabel('Why is it a false positive?').fill('Scheduled vulnerability scan from 10.0.4.7');
  await page.getByLabel('Why is it a false positive?').press('Enter');
  await expect(page.getByTestId('verdict')).toHaveText('False positive');
  await expect(page.getByRole('button', { name: 'False positive' })).toHaveCount(0);
  const dismissed = await incidentByKey(url, ann, 'scan-2');
  expect(dismissed.status).toBe('resolved');
  expect(dismissed.triageVerdict).toBe('false_positive');

  // Dan (a responder, not on the confidential incident's list) sees that it exists and nothing more:
  // no summary, no triage actions, and a key press does nothing.
  const dan = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(dan, url, 'dan');
  await dan.goto(`${url}/#/incidents/${encodeURIComponent(cfo.id)}`);
  await expect(dan.getByRole('heading', { name: 'Need to know' })).toBeVisible();
  await expect(dan.locator('body')).not.toContainText('CFO');
  await expect(dan.getByRole('button', { name: 'False positive' })).toHaveCount(0);
  await dan.locator('body').press('f');
  await expect(dan.getByRole('dialog')).toHaveCount(0);
  expect((await incidentByKey(url, ann, 'cfo-1')).status).toBe('triggered');
});
