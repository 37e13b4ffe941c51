import { expect, test } from '@playwright/test';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { shootBothSizes } from '../support/screenshots.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';
import { startTwilioFake, type TwilioFake } from '../support/twilio-fake.js';

const BOB = '+14155550101';
let relay: RelayProcess | undefined;
let fake: TwilioFake | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  await fake?.close();
  relay = undefined;
  fake = undefined;
});

type Usage = { configured: boolean; months: { month: string; smsSegments: number; callMinutes: number }[] };

test('a manager reads the SMS and call minutes of the month on the Reports page; a responder is not shown the costs', async ({ page }) => {
  test.setTimeout(180_000);
  fake = await startTwilioFake();
  const twilio = fake;
  // Level 1 pages bob by SMS and by call at once; level 2 is an hour away.
  const config = writeTestConfig((doc) => {
    fastEscalationPolicy(doc, ['1h', '1h']);
    const bob = doc.users!.find((u) => u.id === 'bob')!;
    bob.notify = [{ channel: 'sms', after: '0s' }, { channel: 'voice', after: '0s' }];
    bob.contacts = { phone: { number: '+1 415 555 0101' } };
    doc.channels = { twilio: { accountSid: twilio.accountSid, authTokenEnv: 'KLAXON_TEST_TWILIO_TOKEN', from: '+1 500 555 0006', baseUrl: twilio.baseUrl } };
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32', KLAXON_TEST_TWILIO_TOKEN: twilio.authToken } });
  const url = relay.url;

  const enqueued = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'costs-1', payload: { summary: 'Core switch down', source: 'e2e', severity: 'critical' } }),
  });
  expect(enqueued.status).toBe(202);
  await twilio.waitForMessage((m) => m.to === BOB && m.body.includes('Core switch down'));
  const call = await twilio.waitForCall((c) => c.to === BOB);
  // Bob takes the call for 2 min 5 s and presses 2: three billed minutes.
  await twilio.answerCall(call, { digits: '2', durationSeconds: 125 });

  const ann = await apiToken(url, 'ann');
  const usage = async () => (await (await fetch(`${url}/api/v1/reports/phone-usage`, { headers: { authorization: `Bearer ${ann}` } })).json()) as Usage;
  await expect.poll(async () => (await usage()).months.at(-1)!.callMinutes, { timeout: 15_000 }).toBe(3);
  const counted = (await usage()).months.at(-1)!;
  expect(counted.smsSegments).toBeGreaterThanOrEqual(1);

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, url, 'ann');
  await page.getByRole('link', { name: 'Reports' }).click();
  const card = page.getByTestId('phone-usage');
  await expect(card.getByRole('heading', { name: 'SMS and voice costs' })).toBeVisible();
  const monthName = new Date(`${counted.month}-01T00:00:00Z`).toLocaleDateString('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });
  // The newest month first, with what the relay counted; the last 30 days touch one or two months.
  const first = card.locator('tbody tr').first();
  await expect(first.locator('th, td')).toHaveText([monthName, String(counted.smsSegments), '3']);
  await expect(card.getByTestId('phone-usage-empty')).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await shootBothSizes(page, 'reports-phone-usage');
  await card.scrollIntoViewIfNeeded();
  const box = await card.boundingBox();
  expect(box!.width).toBeGreaterThan(300);

  // A range before anything was sent: the months are listed, and the card says nothing was sent.
  await page.goto(`${url}/#/reports?range=custom&from=2025-01-10&to=2025-01-20`);
  await expect(card.getByTestId('phone-usage-empty')).toHaveText('No SMS or calls were sent in these months.');
  await expect(card.locator('tbody tr')).toHaveCount(1);

  // A responder reads the Reports page without the costs (the relay refuses them the route too).
  const dan = await apiToken(url, 'dan');
  expect((await fetch(`${url}/api/v1/reports/phone-usage`, { headers: { authorization: `Bearer ${dan}` } })).status).toBe(403);
  const other = await page.context().browser()!.newPage();
  await other.setViewportSize({ width: 1280, height: 800 });
  await signIn(other, url, 'dan');
  await other.getByRole('link', { name: 'Reports' }).click();
  await expect(other.getByRole('heading', { name: 'Reports' })).toBeVisible();
  await expect(other.getByTestId('report-period')).toBeVisible();
  await expect(other.getByTestId('phone-usage')).toHaveCount(0);
  await other.close();
});
