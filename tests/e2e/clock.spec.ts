import { expect, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { shootBothSizes } from '../support/screenshots.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `clock-${name}`, { fullPage: true });

// The browser sits in New York; the machine's own zone plays no part.
test.use({ timezoneId: 'America/New_York' });

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

/** The wall-clock time of `at` in `zone` as the test computes it independently of the console. */
const wall = (at: string, zone: string, hour12: boolean) =>
  new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit', second: '2-digit', hour12, timeZone: zone, ...(hour12 ? {} : { hourCycle: 'h23' as const }) })
    .format(new Date(at))
    .replace(/^24/, '00')
    .replace(/^(\d):/, hour12 ? '$1:' : '0$1:');

async function openIncident(page: Page): Promise<void> {
  await page.goto(`${relay!.url}/#/`);
  const row = page.getByTestId('board-row').filter({ hasText: 'Clock check on fs2' });
  await row.dblclick();
  await expect(page.getByTestId('incident-summary')).toHaveText('Clock check on fs2');
}

test('times show in the browser zone with its name, then in the zone and on the clock chosen on My account, kept for the next visit', async ({ page }) => {
  test.setTimeout(180_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const sent = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'clock-1', payload: { summary: 'Clock check on fs2', source: 'fs2', severity: 'warning' } }),
  });
  expect(sent.status).toBe(202);
  const token = await apiToken(relay.url, 'ann');
  const incidents = (await (await fetch(`${relay.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } })).json()) as { incidents: Incident[] };
  const opened = incidents.incidents.find((i) => i.dedupKey === 'clock-1')!.firstSeenAt;

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');
  await openIncident(page);
  const stamp = page.locator('dt:text-is("Opened") + dd time');
  await expect(stamp).toHaveText(new RegExp(`^\\w{3} \\d{1,2} \\w{3} ${wall(opened, 'America/New_York', false)} E[SD]T$`));
  await expect(stamp).toHaveAttribute('title', / UTC$/);

  // My account: Chatham Islands time, 12-hour.
  await page.getByTestId('signed-in-user').click();
  await expect(page.getByRole('heading', { name: 'Time and time zone' })).toBeVisible();
  await page.getByTestId('clock-zone').click();
  await page.getByPlaceholder('Search zones').fill('Chatham');
  await page.getByRole('option', { name: /^Pacific\/Chatham/ }).click();
  await page.getByTestId('clock-hour-cycle').getByText('12-hour').click();
  await expect(page.getByTestId('clock-sample')).toHaveText(/Now: \w{3} \d{1,2} \w{3} \d{1,2}:\d\d:\d\d [AP]M UTC\+1[23]:45$/);
  await shoot(page, 'account');

  await openIncident(page);
  await expect(stamp).toHaveText(new RegExp(`^\\w{3} \\d{1,2} \\w{3} ${wall(opened, 'Pacific/Chatham', true)} UTC\\+1[23]:45$`));
  // Kept in this browser for the next visit.
  expect(await page.evaluate(`localStorage.getItem('klaxon.clock')`)).toBe('{"zone":"Pacific/Chatham","hourCycle":12}');
  await shoot(page, 'detail');
});

test('a broken or unknown saved setting falls back to the browser zone on a 24-hour clock', async ({ page }) => {
  test.setTimeout(180_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  await page.goto(`${relay.url}/`);
  await page.evaluate(`localStorage.setItem('klaxon.clock', '{"zone":"Mars/Olympus_Mons","hourCycle":13}')`);
  await signIn(page, relay, 'ann');
  await page.getByTestId('signed-in-user').click();
  await expect(page.getByTestId('clock-sample')).toHaveText(/Now: \w{3} \d{1,2} \w{3} \d\d:\d\d:\d\d E[SD]T$/);
  await page.evaluate(`localStorage.setItem('klaxon.clock', '{not json')`);
  await page.reload();
  await expect(page.getByTestId('clock-sample')).toHaveText(/Now: \w{3} \d{1,2} \w{3} \d\d:\d\d:\d\d E[SD]T$/);
});
