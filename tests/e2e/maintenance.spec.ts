import { expect, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page as PageRecord } from '../../shared/schemas/page.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `maintenance-${name}`, { fullPage: true });

let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

const local = (date: Date) => {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
};

test('a manager creates a window in the console; an alert on its service shows muted with the window\'s name and pages nobody', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');
  await page.getByRole('link', { name: 'Maintenance' }).click();
  await expect(page.getByTestId('maintenance-active')).toContainText('No window is running.');
  await page.getByRole('button', { name: 'New window' }).click();

  const form = page.getByRole('form', { name: 'New maintenance window' });
  // Nothing to match: the relay refuses, naming why, and nothing is created.
  await form.getByLabel('Window name').fill('Core switch firmware');
  await form.getByRole('button', { name: 'Create window' }).click();
  await expect(page.getByTestId('maintenance-message')).toContainText('match');

  await form.getByLabel('Reason').fill('Firmware 17.3 on the core switches');
  await form.locator('.p-multiselect', { has: page.getByRole('combobox', { name: 'Services' }) }).click();
  await page.getByRole('option', { name: 'RMM alerts' }).click();
  await page.keyboard.press('Escape');
  const now = new Date();
  await form.getByLabel('Starts').fill(local(new Date(now.getTime() - 5 * 60_000)));
  await form.getByLabel('Ends').fill(local(new Date(now.getTime() + 2 * 3_600_000)));
  await form.getByRole('button', { name: 'Create window' }).click();
  await expect(page.getByTestId('maintenance-active')).toContainText('Core switch firmware');
  await expect(page.getByTestId('maintenance-active')).toContainText('releases at end');

  // A recurring window's preview shows the next occurrences before it is saved.
  await page.getByRole('button', { name: 'New window' }).click();
  const next = page.getByRole('form', { name: 'New maintenance window' });
  await next.locator('.p-select', { has: page.getByRole('combobox', { name: 'Repeats' }) }).click();
  await page.getByRole('option', { name: 'Every week on…' }).click();
  await next.getByLabel('Time zone').fill('Europe/London');
  await expect(page.getByTestId('maintenance-preview').locator('li')).toHaveCount(5);
  await shoot(page, 'form');
  await next.getByRole('button', { name: 'Cancel' }).click();

  // An alert on the window's service: stored, on the board muted with the window's name.
  const sent = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'core-sw-1', payload: { summary: 'Core switch 1 unreachable', source: 'sw1', severity: 'critical' } }),
  });
  expect(sent.status).toBe(202);
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  const row = page.getByTestId('board-row').filter({ hasText: 'Core switch 1 unreachable' });
  await expect(row).toHaveClass(/board-row--muted/);
  await expect(row.getByTestId('board-maintenance')).toHaveText(/Core switch firmware/);
  await shoot(page, 'board');

  // No page was sent: the relay's record of the incident has none, and its timeline says why.
  const token = await apiToken(relay.url, 'ann');
  const incidentId = await row.getAttribute('data-incident-id');
  const detail = (await (await fetch(`${relay.url}/api/v1/incidents/${incidentId}`, { headers: { authorization: `Bearer ${token}` } })).json()) as {
    incident: Incident;
    pages: PageRecord[];
    timeline: { type: string }[];
  };
  expect(detail.pages).toEqual([]);
  expect(detail.incident.suppressedBy?.name).toBe('Core switch firmware');
  expect(detail.timeline.map((e) => e.type)).toContain('maintenance.suppressed');
  // Muted: no alarm for it.
  await expect(row).not.toHaveClass(/board-row--alarm/);
  await page.goto(`${relay.url}/#/incidents/${incidentId}`);
  await expect(page.getByText('Not paged: maintenance window “Core switch firmware”')).toBeVisible();

  // The wallboard has a line naming the running window.
  const wallboard = (await (
    await fetch(`${relay.url}/api/v1/wallboard-tokens`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Lobby' }) })
  ).json()) as { token: string };
  await page.goto(`${relay.url}/wallboard#token=${wallboard.token}&rotate=0`);
  await expect(page.getByTestId('wallboard-maintenance')).toContainText('Core switch firmware');
  await shoot(page, 'wallboard');
});

test('a responder reads windows but gets no buttons to change them', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const token = await apiToken(relay.url, 'ann');
  const made = await fetch(`${relay.url}/api/v1/maintenance-windows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Sunday patching',
      match: { services: ['rmm'] },
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=SU', start: '2026-01-04T02:00', durationMinutes: 120 },
      timeZone: 'Europe/London',
      onEnd: 'drop',
    }),
  });
  expect(made.status).toBe(201);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'dan');
  await page.getByRole('link', { name: 'Maintenance' }).click();
  await expect(page.getByText('Only IR managers and admins change maintenance windows')).toBeVisible();
  const listed = page.locator('.maintenance__item').filter({ hasText: 'Sunday patching' });
  await expect(listed).toContainText('drops at end');
  await expect(listed).toContainText('FREQ=WEEKLY;BYDAY=SU · Europe/London');
  await expect(page.getByRole('button', { name: 'New window' })).toHaveCount(0);
  await expect(listed.getByRole('button')).toHaveCount(0);
  await shoot(page, 'list-read-only');

  // A manager's write elsewhere reaches the open page at once (the relay's push; the page's own poll is 30 s).
  const now = Date.now();
  const other = await fetch(`${relay.url}/api/v1/maintenance-windows`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Database failover test', match: { services: ['db'] }, startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() }),
  });
  expect(other.status).toBe(201);
  await expect(page.getByTestId('maintenance-active')).toContainText('Database failover test', { timeout: 10_000 });
});
