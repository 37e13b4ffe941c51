import ical from 'node-ical';
import { expect, type Browser, type Page, test } from '@playwright/test';
import type { CalendarBar, CalendarView, ScheduleSummary } from '../../shared/schemas/calendar.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { localText, nextShiftOf, signInClient } from '../support/schedule-client.js';
import { writeTestConfig } from '../support/test-config.js';

const ZONE = 'America/New_York';
let relay: RelayProcess;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
});
test.afterAll(async () => {
  await relay?.dispose();
});

/** Opens the console as `username` (password from the test config) on the Schedules page. */
async function openSchedules(browser: Browser, username: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${relay.url}/`);
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password', { exact: true }).fill(`change-me-${username}`);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
  await page.getByRole('link', { name: 'Schedules' }).click();
  await expect(page.getByTestId('on-call-now')).toContainText('On call now:');
  return page;
}

/**
 * Makes (or renews, confirming the prompt) the feed link under `label` in the console and returns the
 * URL it shows this once, with the advice to copy it now.
 */
async function issueFeedLink(page: Page, label: string): Promise<string> {
  const row = page.locator('.feeds__row', { hasText: label }).first();
  const renewing = await row.getByRole('button', { name: `Renew link: ${label}` }).count() > 0;
  if (renewing) page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: `${renewing ? 'Renew' : 'Create'} link: ${label}` }).click();
  await expect(page.getByText('it is not shown again')).toBeVisible();
  const url = await page.getByLabel(`Feed link: ${label}`).inputValue();
  expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/);
  return url;
}

/** Makes the feed link under `label` in the console, fetches it and parses it with node-ical. */
async function readFeed(page: Page, label: string) {
  const url = await issueFeedLink(page, label);
  const response = await page.request.get(url);
  expect(response.headers()['content-type']).toMatch(/^text\/calendar/);
  const text = await response.text();
  expect(text.endsWith('END:VCALENDAR\r\n')).toBe(true);
  return Object.values(ical.sync.parseICS(text)).filter((c): c is ical.VEvent => c?.type === 'VEVENT');
}

test('the schedule owner adds a rotation layer and sees it on the calendar', async ({ browser }) => {
  const page = await openSchedules(browser, 'ann');
  await expect(page.getByText("This schedule comes from the relay's config file")).toBeVisible();
  await page.getByRole('button', { name: 'Edit layers' }).click();
  await page.getByRole('button', { name: 'Add layer' }).click();
  await page.getByLabel('Layer 3 name').fill('nights');
  await page.getByRole('group', { name: 'Layer 3' }).locator('.p-multiselect').first().click();
  await page.getByRole('option', { name: 'Cara Example' }).click();
  await page.keyboard.press('Escape');
  await page.getByLabel('Layer 3 shift length').fill('1d');
  await page.getByLabel('Layer 3 start').fill('2026-11-01T22:00');
  await page.getByLabel('Layer 3 hands over').click();
  await page.getByRole('option', { name: 'Same local times across DST' }).click();
  await page.getByRole('button', { name: 'Add restriction' }).nth(2).click();
  await page.getByLabel('Layer 3 restriction 1 start').fill('22:00');
  await page.getByLabel('Layer 3 restriction 1 end').fill('06:00');
  await page.getByRole('button', { name: 'Save schedule' }).click();
  await expect(page.getByRole('dialog')).toBeHidden();

  // The new layer has its own line, and its nights show on the final line as Cara's.
  const nights = page.locator('[data-row="nights"] .cal__bar[title^="nights: Cara Example 22:00–06:00"]');
  await expect(nights.first()).toBeVisible();
  await expect(page.locator('[data-row="On call"] .cal__bar[title^="On call: Cara Example 22:00–"]').first()).toBeVisible();
  await expect(page.getByText("Edited here, over the config file's version")).toBeVisible();

  // The relay keeps it: the API answers the same layer.
  const ann = await signInClient(relay.url, 'ann');
  const summary = (await ann.call('GET', '/api/v1/schedules/noc-primary')).body as ScheduleSummary;
  expect(summary.schedule.layers[2]).toEqual({
    name: 'nights',
    rotation: { participants: ['cara'], shiftLength: 86_400, start: '2026-11-01T22:00', handoffs: 'wall-clock' },
    restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '22:00', end: '06:00' }],
  });
});

test('a member asks for a swap, the other accepts live, and the override reaches both and the feed', async ({ browser }) => {
  const bob = await openSchedules(browser, 'bob');
  const cara = await openSchedules(browser, 'cara');
  await expect(bob.getByRole('button', { name: 'Edit layers' })).toHaveCount(0);

  const client = await signInClient(relay.url, 'bob');
  const shift: CalendarBar = await nextShiftOf(client, 'noc-primary', 'bob', new Date(Date.now() + 3_600_000));
  const start = localText(shift.start, ZONE);
  const end = localText(Math.min(Date.parse(shift.end), Date.parse(shift.start) + 2 * 3_600_000), ZONE);

  await bob.getByLabel('Swap with').click();
  await bob.getByRole('option', { name: 'Cara Example' }).click();
  await bob.getByLabel('Swap from').fill(start);
  await bob.getByLabel('Swap until').fill(end);
  await bob.getByLabel('Swap note').fill('school play');
  await bob.getByRole('button', { name: 'Request swap' }).click();

  // Cara's console gets the request pushed live, without a reload.
  const request = cara.locator('.swaps__list li', { hasText: 'school play' });
  await expect(request.getByText('pending')).toBeVisible();
  await request.getByRole('button', { name: 'Accept' }).click();
  await expect(request.getByText('accepted', { exact: true })).toBeVisible();
  // …and Bob's console hears the answer live too.
  await expect(bob.locator('.swaps__list li', { hasText: 'school play' }).getByText('accepted', { exact: true })).toBeVisible();

  const ann = await signInClient(relay.url, 'ann');
  const summary = (await ann.call('GET', '/api/v1/schedules/noc-primary')).body as ScheduleSummary;
  expect(summary.schedule.overrides).toContainEqual({ user: 'cara', replaces: 'bob', start, end });
  const view = (await ann.call('GET', `/api/v1/schedules/noc-primary/calendar?view=week&date=${start.slice(0, 10)}`)).body as CalendarView;
  expect(view.rows[0]!.bars).toContainEqual(expect.objectContaining({ start: shift.start, users: ['cara'], override: true }));

  // Cara's own feed, as the console shows it, parses and holds the shift she took over.
  const events = await readFeed(cara, 'My on-call shifts');
  const from = Date.parse(shift.start);
  const until = Math.min(Date.parse(shift.end), from + 2 * 3_600_000);
  expect(events.some((e) => e.start.getTime() <= from && until <= (e.end?.getTime() ?? 0) && String(e.summary) === 'On call: NOC primary')).toBe(true);
});

test('a schedule feed parses and matches the final on-call line', async ({ browser }) => {
  // A responder may not make the schedule's feed link; its owner may.
  const responder = await openSchedules(browser, 'dan');
  await expect(responder.locator('.feeds__row', { hasText: 'NOC primary' })).toContainText('No link yet');
  await expect(responder.getByRole('button', { name: 'Create link: NOC primary' })).toHaveCount(0);
  const page = await openSchedules(browser, 'ann');
  const events = await readFeed(page, 'NOC primary');
  const dan = await signInClient(relay.url, 'dan');
  const today = new Date().toISOString().slice(0, 10);
  const view = (await dan.call('GET', `/api/v1/schedules/noc-primary/calendar?view=week&date=${today}`)).body as CalendarView;
  const names: Record<string, string> = { ann: 'Ann Example', bob: 'Bob Example', cara: 'Cara Example', dan: 'Dan Example' };
  // Every whole stretch of the week with someone on call is one event with the same times and people.
  const inner = view.rows[0]!.bars.slice(1, -1).filter((b) => b.users.length > 0);
  expect(inner.length).toBeGreaterThan(3);
  for (const bar of inner) {
    const event = events.find((e) => e.start.toISOString() === new Date(bar.start).toISOString());
    expect(event, `an event at ${bar.start}`).toBeDefined();
    expect(event!.end?.toISOString()).toBe(new Date(bar.end).toISOString());
    expect(String(event!.summary)).toBe(`On call: ${bar.users.map((u) => names[u]).join(', ')} (NOC primary)`);
    expect(event!.uid).toMatch(/@klaxon$/);
  }
});

test('a feed link is shown once; after a reload only its date shows, and renewing it stops the old link', async ({ browser }) => {
  const page = await openSchedules(browser, 'bob');
  const first = await issueFeedLink(page, 'My on-call shifts');
  expect((await page.request.get(first)).status()).toBe(200);
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByLabel('Feed link: My on-call shifts')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('on-call-now')).toContainText('On call now:');
  const row = page.locator('.feeds__row', { hasText: 'My on-call shifts' });
  await expect(row).toContainText('Link made');
  await expect(page.getByLabel('Feed link: My on-call shifts')).toHaveCount(0);
  expect(await page.content()).not.toContain(first);

  // Dismissing the renew prompt keeps the link; accepting it issues a new one and the old one stops.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await row.getByRole('button', { name: 'Renew link: My on-call shifts' }).click();
  await expect(page.getByText('it is not shown again')).toHaveCount(0);
  const second = await issueFeedLink(page, 'My on-call shifts');
  expect(second).not.toBe(first);
  expect((await page.request.get(first)).status()).toBe(404);
  expect((await page.request.get(second)).status()).toBe(200);
  // Leaving the page forgets the link too: coming back shows only when it was made.
  await page.getByRole('navigation', { name: 'Console pages' }).getByRole('link', { name: 'Board', exact: true }).click();
  await page.getByRole('link', { name: 'Schedules' }).click();
  await expect(page.locator('.feeds__row', { hasText: 'My on-call shifts' })).toContainText('Link made');
  await expect(page.getByLabel('Feed link: My on-call shifts')).toHaveCount(0);
});

test('the owner drags over days on the calendar to create an override', async ({ browser }) => {
  const page = await openSchedules(browser, 'ann');
  const week = page.locator('.cal__week').last();
  const first = week.locator('.cal__day').nth(1);
  const last = week.locator('.cal__day').nth(2);
  const [from, to] = [await first.getAttribute('data-date'), await last.getAttribute('data-date')];
  await first.hover();
  await page.mouse.down();
  await last.hover();
  await page.mouse.up();

  const dialog = page.getByRole('dialog', { name: 'Add an override' });
  await expect(dialog.getByLabel('From')).toHaveValue(`${from}T00:00`);
  const until = new Date(`${to}T00:00:00Z`);
  until.setUTCDate(until.getUTCDate() + 1);
  await expect(dialog.getByLabel('Until')).toHaveValue(`${until.toISOString().slice(0, 10)}T00:00`);
  await dialog.locator('.p-select').first().click();
  await page.getByRole('option', { name: 'Dan Example' }).click();
  await dialog.getByRole('button', { name: 'Save override' }).click();
  await expect(dialog).toBeHidden();

  for (const date of [from, to]) {
    const bar = page.locator(`[data-date="${date}"] [data-row="On call"] .cal__bar--override`);
    await expect(bar).toHaveCount(1);
    await expect(bar).toHaveAttribute('title', /^On call: Dan Example 00:00–00:00 \(override\)/);
  }
});
