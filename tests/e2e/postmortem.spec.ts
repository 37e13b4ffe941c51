import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, type Page, test } from '@playwright/test';
import type { Postmortem } from '../../shared/schemas/postmortem.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { connectPhone, login, type TestPhone } from '../support/phone.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const SUMMARY = 'DB01 disk /var/lib/postgresql 98% full';
let relay: RelayProcess | undefined;
let phones: TestPhone[] = [];

test.afterEach(async () => {
  for (const phone of phones) phone.close();
  phones = [];
  await relay?.dispose();
  relay = undefined;
});

/** A page's link in the console's navigation. */
const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name, exact: true });

/** An alert on the `db` service, whose only priority rule (db#1) makes every alert high. */
async function enqueue(url: string, dedupKey: string): Promise<void> {
  const response = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2Other,
      event_action: 'trigger',
      dedup_key: dedupKey,
      payload: { summary: SUMMARY, source: 'db01.example.com', severity: 'critical' },
    }),
  });
  expect(response.status).toBe(202);
}

async function api<T>(url: string, method: string, pathname: string, token: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${url}${pathname}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => undefined)) as T };
}

/** Screenshots of the page at both sizes (the console scrolls inside its main area: shown from the top, at full height). */
async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate("document.querySelector('.console__main')?.scrollTo(0, 0)");
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `${name} at ${size.width}×${size.height} overflows sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(ARTIFACTS, `postmortem-${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('an incident from alert to resolve: its post-mortem is pre-filled, answered, gets an action item on a priority rule, is signed off, exported as PDF and counted on the Reports page', async ({ page }) => {
  test.setTimeout(240_000);
  // Level 1 pages bob on push; the next level is minutes away, so nobody else is paged meanwhile.
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig((doc) => fastEscalationPolicy(doc, ['10m', '10m'])) } });
  const url = relay.url;
  const ann = await login(url, 'ann', 'change-me-ann');
  const bob = await login(url, 'bob', 'change-me-bob');
  const phone = await connectPhone(url, bob);
  phones = [phone];
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');

  // The Reports page before: no post-mortem, no action item.
  await nav(page, 'Reports').click();
  await expect(page.getByTestId('kpi-postmortems')).toContainText('0 signed off');
  await expect(page.getByTestId('kpi-action-items')).toContainText(/^Action items open\s*0/);

  // Alert in (twice: the second folds into the incident); the paged person reads it on the phone.
  await enqueue(url, 'db01-disk');
  await enqueue(url, 'db01-disk');
  const paged = await phone.waitForPage((p) => p.summary === SUMMARY, 30_000);
  expect(await phone.read(paged.id)).toMatchObject({ ok: true });

  // Acknowledge and resolve on the incident's page.
  await nav(page, 'Board').click();
  await page.getByTestId('board-row').filter({ hasText: SUMMARY }).getByRole('link', { name: SUMMARY }).click();
  await page.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(page.getByRole('button', { name: 'Acknowledge' })).toBeDisabled();
  await page.getByRole('button', { name: 'Resolve' }).click();
  // The example config's rule "every-high" makes a post-mortem due when a high incident resolves.
  const button = page.getByTestId('postmortem-button');
  await expect(button).toHaveText('Post-mortem (due)');
  await button.click();

  // Pre-filled from the record: the times, the page with its channel and read time, the folded alert, the rule.
  await expect(page.getByTestId('postmortem-title')).toHaveText(`Post-mortem: ${SUMMARY}`);
  await expect(page.getByTestId('postmortem-state')).toHaveText('Due');
  for (const figure of ['digest-time-to-read', 'digest-time-to-ack', 'digest-time-to-resolve']) {
    await expect(page.getByTestId(figure)).toHaveText(/^\d+s$|^\d+m$/);
  }
  const pageRow = page.getByTestId('digest-page').filter({ hasText: 'push' }).filter({ hasNotText: 'not read' });
  await expect(pageRow).toHaveCount(1);
  await expect(page.getByTestId('digest-folded')).toHaveText('1');
  await expect(page.getByTestId('postmortem-digest')).toContainText('Databases rule 1: every alert → high');
  const pmId = decodeURIComponent(page.url().split('/postmortems/')[1]!);

  // Misuse: submitted with nothing answered, the sign-off is refused with the relay's reason; a triage analyst may not sign off at all.
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('postmortem-state')).toHaveText('In review');
  const refused = await api<{ error: string }>(url, 'POST', `/api/v1/postmortems/${pmId}/transition`, bob, { to: 'signed_off' });
  expect(refused.status).toBe(403);
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByTestId('postmortem-error')).toContainText('unanswered before sign-off');
  await page.getByRole('button', { name: 'Send back to draft' }).click();
  await expect(page.getByTestId('postmortem-state')).toHaveText('Draft');

  // The three questions, the summary, and an action item that fixes the priority rule.
  await page.getByLabel('A real issue', { exact: true }).check();
  await expect(page.getByTestId('field-status-questions')).toContainText('Saved');
  await page.getByLabel('Yes, to the right person').check();
  await page.getByLabel('Yes, enough information').check();
  await expect(page.getByLabel('Yes, enough information')).toBeChecked();
  await page.getByLabel('Summary').fill('The WAL archive stalled and filled the disk of DB01.');
  await page.getByLabel('Summary').press('Tab');
  await expect(page.getByTestId('field-status-summary')).toContainText('Saved');
  await page.getByLabel('New action item', { exact: true }).fill('Alert on WAL archive lag before the disk fills');
  await page.getByLabel('New action item fixes').click();
  await page.getByRole('option', { name: 'Databases rule 1: every alert → high' }).click();
  await page.getByRole('button', { name: 'Add action item' }).click();
  await expect(page.getByTestId('action-item')).toHaveCount(1);
  await expect(page.getByTestId('field-status-actionItems')).toContainText('Saved');
  await shoot(page, 'editor');

  const saved = await api<Postmortem>(url, 'GET', `/api/v1/postmortems/${pmId}`, ann);
  expect(saved.body.fields.questions).toMatchObject({ trigger: 'real', delivery: { answer: 'right_person' }, information: { enough: true } });
  expect(saved.body.fields.actionItems).toEqual([
    expect.objectContaining({ title: 'Alert on WAL archive lag before the disk fills', state: 'open', link: { kind: 'priority-rule', ref: 'db#1' } }),
  ]);

  // Review and sign-off by the IR manager; signed off, it is read-only.
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('postmortem-state')).toHaveText('In review');
  await page.getByRole('button', { name: 'Sign off' }).click();
  await expect(page.getByTestId('postmortem-state')).toHaveText('Signed off');
  await expect(page.getByTestId('postmortem-signed-off')).toContainText('Signed off by Ann');
  await expect(page.getByLabel('Summary')).toHaveAttribute('readonly', '');
  await expect(page.getByRole('button', { name: 'Add action item' })).toHaveCount(0);

  // The PDF, fetched with the token, has the incident, the answers and the action item in it.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export as PDF' }).click();
  const file = await (await download).path();
  const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(SUMMARY);
  expect(text).toContain('The WAL archive stalled and filled the disk of DB01.');
  expect(text).toContain('Alert on WAL archive lag before the disk fills');

  // The Post-mortems page lists it as signed off; the Reports page's figures moved.
  await nav(page, 'Post-mortems').click();
  await page.getByTestId('postmortem-chip-signed_off').click();
  await expect(page.getByTestId('postmortem-row').filter({ hasText: SUMMARY })).toHaveCount(1);
  await shoot(page, 'list');
  await nav(page, 'Reports').click();
  await expect(page.getByTestId('kpi-postmortems')).toContainText('1 signed off');
  await expect(page.getByTestId('kpi-action-items')).toContainText(/^Action items open\s*1/);
});

test('two people edit one post-mortem live: the field being typed in is kept with a note naming the other, the save reports the overwrite; the board marks the incident', async ({ page, browser }) => {
  test.setTimeout(180_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');
  await enqueue(url, 'db01-live');

  // Started by hand on the open incident's page; the board marks the incident as having one in draft.
  await page.getByTestId('board-row').filter({ hasText: SUMMARY }).getByRole('link', { name: SUMMARY }).click();
  await expect(page.getByTestId('postmortem-button')).toHaveText('Start post-mortem');
  await shoot(page, 'incident');
  await page.getByTestId('postmortem-button').click();
  await expect(page.getByTestId('postmortem-state')).toHaveText('Draft');
  const editorUrl = page.url();
  await nav(page, 'Board').click();
  const marker = page.getByTestId('board-row').filter({ hasText: SUMMARY }).getByTestId('postmortem-marker');
  await expect(marker).toHaveAttribute('data-state', 'draft');
  await shoot(page, 'board');
  await marker.click();
  await expect(page).toHaveURL(editorUrl);

  // Bob opens the same post-mortem in his console.
  const bobContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const bobPage = await bobContext.newPage();
  await signIn(bobPage, relay, 'bob');
  await bobPage.goto(editorUrl);
  await expect(bobPage.getByTestId('postmortem-state')).toHaveText('Draft');

  // Ann writes the root cause and stays in the field; Bob then writes it too.
  const annRoot = page.getByLabel('Root cause');
  await annRoot.fill('The WAL archive job stalled');
  await expect(page.getByTestId('field-status-rootCause')).toContainText('Saved');
  await expect(bobPage.getByLabel('Root cause')).toHaveValue('The WAL archive job stalled');
  await bobPage.getByLabel('Root cause').fill('A cron change removed the cleanup');
  await bobPage.getByLabel('Root cause').blur();
  await expect(bobPage.getByTestId('field-status-rootCause')).toContainText('Saved');
  // Ann's text stays as she wrote it, with a note naming Bob; a field she is not in shows his change at once.
  await expect(page.getByTestId('remote-change-rootCause')).toContainText('Bob Example changed this field');
  await expect(annRoot).toHaveValue('The WAL archive job stalled');
  await bobPage.getByLabel('Impact').fill('Orders could not be saved for 20 minutes');
  await bobPage.getByLabel('Impact').blur();
  await expect(page.getByLabel('Impact')).toHaveValue('Orders could not be saved for 20 minutes');

  // Ann saves hers (last writer wins): the answer's conflict note names whose change it replaced, and Bob sees her text.
  await annRoot.pressSequentially(', and nobody noticed');
  await annRoot.blur();
  await expect(page.getByTestId('postmortem-conflict')).toContainText('replaced a change by Bob Example');
  await expect(bobPage.getByLabel('Root cause')).toHaveValue('The WAL archive job stalled, and nobody noticed');

  // Who missed it: a people picker, saved with the answer; Bob sees the answer live.
  await page.getByLabel('It was missed').check();
  await page.locator('#pm-delivery-who').locator('xpath=ancestor::*[@data-pc-name="multiselect"][1]').click();
  await page.getByRole('option', { name: 'Cara Example' }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('field-status-questions')).toContainText('Saved');
  await expect(bobPage.getByLabel('It was missed')).toBeChecked();
  await expect(bobPage.getByText('Who missed it')).toBeVisible();

  // Bob comments; Ann sees it live. Bob (a triage analyst) sees no sign-off once it is in review.
  await bobPage.getByLabel('New comment').fill('Agreed, the cron change made it worse.');
  await bobPage.getByRole('button', { name: 'Comment' }).click();
  await expect(page.getByTestId('postmortem-comment')).toContainText('Agreed, the cron change made it worse.');
  await bobPage.getByRole('button', { name: 'Submit for review' }).click();
  await expect(page.getByTestId('postmortem-state')).toHaveText('In review');
  await expect(bobPage.getByRole('button', { name: 'Send back to draft' })).toBeVisible();
  await expect(bobPage.getByRole('button', { name: 'Sign off' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Sign off' })).toBeVisible();

  const answers = await api<Postmortem>(url, 'GET', `/api/v1/postmortems/${decodeURIComponent(editorUrl.split('/postmortems/')[1]!)}`, await login(url, 'bob', 'change-me-bob'));
  expect(answers.body.fields.questions.delivery).toMatchObject({ answer: 'missed', who: ['cara'] });

  // Need-to-know: once the incident is confidential, Bob's console no longer has the post-mortem.
  const ann = await login(url, 'ann', 'change-me-ann');
  const pmId = decodeURIComponent(editorUrl.split('/postmortems/')[1]!);
  const pm = await api<Postmortem>(url, 'GET', `/api/v1/postmortems/${pmId}`, ann);
  expect((await api(url, 'POST', `/api/v1/incidents/${pm.body.incidentIds[0]}/confidential`, ann, { confidential: true })).status).toBe(200);
  await bobPage.reload();
  await expect(bobPage.getByRole('heading', { name: 'No such post-mortem' })).toBeVisible();
  await bobPage.goto(`${url}/#/postmortems?state=in_review`);
  await expect(bobPage.getByTestId('postmortems-empty')).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('postmortem-state')).toHaveText('In review');
  await bobContext.close();
});
