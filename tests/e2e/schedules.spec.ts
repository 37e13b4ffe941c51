import ical from 'node-ical';
import { expect, type Browser, type Page, test } from '@playwright/test';
import type { CalendarBar, CalendarView, ScheduleSummary } from '../../shared/schemas/calendar.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { localText, nextShiftOf, signInClient } from '../support/schedule-client.js';
import { shootBothSizes } from '../support/screenshots.js';
import { writeTestConfig } from '../support/test-config.js';

const ZONE = 'America/New_York';
let relay: RelayProcess;

test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  // A loaded shared machine can take longer than the default 45 s to bring a relay up.
  test.setTimeout(150_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() }, deadlineMs: 120_000 });
});
test.afterAll(async () => {
  await relay?.dispose();
});

/** Opens the console as `username` (password from the test config) on the Schedules page, in a browser set to `timezoneId`. */
async function openSchedules(browser: Browser, username: string, timezoneId?: string): Promise<Page> {
  const page = await (await browser.newContext(timezoneId ? { timezoneId } : {})).newPage();
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

/** How many times a second the page formats a date with Intl.DateTimeFormat, over three idle seconds. */
async function timeFormatsPerSecond(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const proto = Intl.DateTimeFormat.prototype;
    const format = Object.getOwnPropertyDescriptor(proto, 'format')!.get!;
    const toParts = proto.formatToParts;
    let calls = 0;
    Object.defineProperty(proto, 'format', {
      configurable: true,
      get(this: Intl.DateTimeFormat) {
        calls += 1;
        return format.call(this) as unknown;
      },
    });
    proto.formatToParts = function (this: Intl.DateTimeFormat, at?: Date | number) {
      calls += 1;
      return toParts.call(this, at);
    };
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    Object.defineProperty(proto, 'format', { configurable: true, get: format });
    proto.formatToParts = toParts;
    return calls / 3;
  });
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
  // The page has loaded (the banner above the grid saying the schedule comes from the config file,
  // the final on-call row of both days) before the pointer goes down: content arriving later moves
  // the grid under a still pointer (the mouse went down on the week above).
  await expect(page.getByTestId('config-managed')).toBeVisible();
  for (const day of [first, last]) await expect(day.locator('[data-row="On call"]').first()).toBeVisible();
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

test('the schedule reads as a timeline on its own clock: lanes, hour axis, legend, now line, zone named', async ({ browser }) => {
  test.slow(); // six screenshots on a shared machine
  // A browser in Tokyo: every time on the page must still be New York's, and say so.
  const page = await openSchedules(browser, 'ann', 'Asia/Tokyo');
  await expect(page.getByTestId('next-handoff')).toHaveText(/^Next handoff: \w{3} \d{1,2} \w{3} \d\d:\d\d E[SD]T \(New York\) → .+/);
  await expect(page.getByTestId('calendar-zone')).toContainText('New York time (America/New_York');

  // The legend names every person with their colour and explains the outline and the hatching.
  const legend = page.getByTestId('calendar-legend');
  for (const name of ['Ann Example', 'Bob Example', 'Cara Example', 'Dan Example', 'Override (yellow outline)', 'Nobody on call (hatched)', 'Now', 'Today']) {
    await expect(legend.getByText(name, { exact: true })).toBeVisible();
  }
  const swatches = await legend.locator('[data-person] .legend__swatch').evaluateAll((els) => els.map((e) => e.getAttribute('style')));
  expect(new Set(swatches).size).toBe(swatches.length);

  // Month: today is New York's today, outlined, with the now line in it.
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date());
  const todayCell = page.locator('.cal__day[aria-current="date"]');
  await expect(todayCell).toHaveAttribute('data-date', today);
  await expect(todayCell.getByTestId('now-line')).toHaveCount(1);
  // Only the now line moves with the clock: a month grid drawn again each second formats every bar's
  // times (hundreds of calls a second) and falls behind on a loaded machine.
  const formats = await timeFormatsPerSecond(page);
  console.info(`month grid at rest: ${formats.toFixed(1)} date formats a second`);
  expect(formats).toBeLessThan(30);
  await shootBothSizes(page, 'schedules-month');

  // Week: a lane for the final line and each layer, an hour axis in New York time, full names, a now line.
  await page.locator('.p-selectbutton').getByText('Week', { exact: true }).click();
  const timeline = page.getByTestId('calendar-timeline');
  const lanes = timeline.locator('[data-lane]');
  await expect(lanes.first()).toHaveAttribute('data-lane', 'On call');
  for (const lane of ['weekly', 'weekday-days']) await expect(timeline.locator(`[data-lane="${lane}"]`)).toBeVisible();
  const laneCount = await lanes.count();
  expect(laneCount).toBeGreaterThanOrEqual(3);
  await expect(page.getByTestId('timeline-zone')).toHaveText(/^Hours \(E[SD]T\)$/);
  await expect(timeline.locator('.tl__tick--day')).toHaveCount(7);
  await expect(timeline.locator('.tl__tick:not(.tl__tick--day)').first()).toHaveText(/^\d\d:00$/);
  await expect(timeline.getByTestId('now-line')).toHaveCount(laneCount);
  const finalBars = timeline.locator('[data-lane="On call"] .tl__bar');
  await expect(finalBars.filter({ hasText: /^(Bob|Cara) Example$/ }).first()).toBeVisible();
  await expect(finalBars.first()).toHaveAttribute('title', /^On call: .+ E[SD]T/);
  await shootBothSizes(page, 'schedules-week');

  // Day: hourly axis; dragging along a lane asks for an override of whole hours that day.
  await page.locator('.p-selectbutton').getByText('Day', { exact: true }).click();
  await expect(timeline.locator('.tl__tick--day')).toHaveCount(1);
  await expect(timeline.getByTestId('now-line')).toHaveCount(laneCount);
  await shootBothSizes(page, 'schedules-day');
  const track = timeline.locator('[data-lane="On call"] .tl__track');
  const box = (await track.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.45, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  const dialog = page.getByRole('dialog', { name: 'Add an override' });
  await expect(dialog.getByLabel('From')).toHaveValue(new RegExp(`^${today}T0[67]:00$`));
  await expect(dialog.getByLabel('Until')).toHaveValue(new RegExp(`^${today}T1[01]:00$`));
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // A day's number in the month opens that day.
  await page.locator('.p-selectbutton').getByText('Month', { exact: true }).click();
  await todayCell.locator('.cal__date').click();
  await expect(page.locator('.calendar__title')).toContainText(new Date(`${today}T12:00:00Z`).toLocaleDateString('en-GB', { weekday: 'long', timeZone: 'UTC' }));
  await expect(timeline.locator('.tl__tick--day')).toHaveCount(1);
});
