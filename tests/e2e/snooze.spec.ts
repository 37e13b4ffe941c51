import { expect, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `snooze-${name}`, { fullPage: true });

/** Screenshots go outside the repository, to be looked at by a person. */
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

// The browser runs in Kolkata, so the console's default zone (the browser's) is not the machine's.
test.use({ timezoneId: 'Asia/Kolkata' });
/** "snoozed until 14:30 UTC+5:30" (or with the day first, should the end fall after midnight in Kolkata). */
const snoozedText = (at: string) => {
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'Asia/Kolkata' }).format(new Date(at));
  return new RegExp(`snoozed until (\\w{3} \\d{1,2} \\w{3} )?${time} UTC\\+5:30$`);
};

test('acknowledge an incident on the board, snooze it for 15 minutes: the row shows when it triggers again, muted; un-snooze in the detail', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  for (const [key, summary] of [['snooze-1', 'Backup job failed on fs2'], ['snooze-2', 'Disk 91% full on srv3']] as const) {
    const sent = await fetch(`${relay.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: key, payload: { summary, source: 'fs2', severity: 'warning' } }),
    });
    expect(sent.status).toBe(202);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'dan');
  const row = page.getByTestId('board-row').filter({ hasText: 'Backup job failed on fs2' });
  await expect(row).toBeVisible();

  // A triggered incident cannot be snoozed: the relay says why.
  await row.click();
  await page.keyboard.press('z');
  await page.getByTestId('snooze-dialog').getByRole('button', { name: /15 minutes/ }).click();
  await expect(page.getByTestId('board-error')).toContainText('only an acknowledged incident can be snoozed');
  // The dialog fades out (~150 ms): wait until it is gone, or its own "Snooze" button is a second match below.
  await expect(page.getByTestId('snooze-dialog')).toBeHidden();

  await page.keyboard.press('a');
  await expect(row).toContainText('Acknowledged');
  await page.locator('button[aria-keyshortcuts="z"]').click();
  await expect(page.getByTestId('snooze-dialog')).toBeVisible();
  await shoot(page, 'dialog');
  await page.keyboard.press('1');
  await expect(page.getByTestId('snooze-dialog')).toBeHidden();

  const token = await apiToken(relay.url, 'ann');
  const incidents = (await (await fetch(`${relay.url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } })).json()) as { incidents: Incident[] };
  const snoozed = incidents.incidents.find((i) => i.dedupKey === 'snooze-1')!;
  expect(Date.parse(snoozed.snoozedUntil!) - Date.now()).toBeGreaterThan(14 * 60_000);
  await expect(row.getByTestId('board-snoozed')).toHaveText(snoozedText(snoozed.snoozedUntil!));
  await expect(row.getByTestId('board-snoozed')).toBeVisible();
  await expect(row).toHaveClass(/board-row--muted/);
  await expect(page.getByTestId('board-row').filter({ hasText: 'Disk 91% full on srv3' })).not.toHaveClass(/board-row--muted/);
  await shoot(page, 'board');

  // The detail says it too, and un-snoozes: the incident stays acknowledged.
  await row.dblclick();
  await expect(page.getByTestId('incident-summary')).toHaveText('Backup job failed on fs2');
  await expect(page.getByTestId('snooze-mark')).toHaveText(snoozedText(snoozed.snoozedUntil!));
  await shoot(page, 'detail');
  await page.getByRole('button', { name: 'Un-snooze' }).click();
  await expect(page.getByTestId('snooze-mark')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Snooze', exact: true })).toBeVisible();
  const detail = (await (await fetch(`${relay.url}/api/v1/incidents/${snoozed.id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { incident: Incident; timeline: TimelineEvent[] };
  expect(detail.incident.status).toBe('acknowledged');
  expect(detail.timeline.filter((e) => e.type.startsWith('incident.snooze')).map((e) => e.type)).toEqual(['incident.snoozed', 'incident.snooze_ended']);
  await expect(page.getByText('Snooze ended early')).toBeVisible();
});
