import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, devices, expect, type Page, test } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, fastEscalationPolicy, writeTestConfig } from '../support/test-config.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
const { defaultBrowserType: _browser, ...pixel7 } = devices['Pixel 7'];
const RUNBOOK = [
  '# Core switch down',
  '1. Check the **uplink** on [the switch dashboard](https://grafana.example/d/core).',
  '2. Run `show interfaces status` on the console.',
  '',
  'Never <script>window.__pwned = true</script> click [this](javascript:window.__pwned=true).',
].join('\n');

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function api<T>(pathname: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${relay!.url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${pathname} answered ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}

const loginOf = async (name: string) => (await api<{ token: string }>('/api/v1/auth/login', undefined, { username: name, password: `change-me-${name}` })).token;
const deviceTokenOf = async (name: string) => (await api<{ token: string }>('/api/v1/devices', await loginOf(name), { name: `${name}'s phone` })).token;

async function trigger(dedupKey: string, summary: string, ann: string): Promise<string> {
  await api('/v2/enqueue', undefined, {
    routing_key: KEYS.eventsV2,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary, source: 'sw-core-1', severity: 'critical', custom_details: { port: 'Gi0/1', 'packet loss': '100%', site: 'Leeds DC' } },
    links: [{ href: 'https://grafana.example/d/sw', text: 'Switch dashboard' }, { href: 'javascript:alert(1)', text: 'Not a link' }],
  });
  const { incidents } = await api<{ incidents: { id: string; dedupKey: string }[] }>('/api/v1/incidents?status=open', ann);
  return incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

/** Opens the phone app signed in with a device token, at `hash`, with a viewport of `size` (a Pixel 7 when not given). */
async function openPhone(browser: Browser, token: string, hash = '', size?: { width: number; height: number }): Promise<Page> {
  const context = await browser.newContext(size ? { viewport: size } : { ...pixel7 });
  await context.addInitScript({ content: `localStorage.setItem('klaxon.device-token', ${JSON.stringify(token)});` });
  const page = await context.newPage();
  await page.goto(`${relay!.url}/m/${hash}`);
  await expect(page.getByTestId('link-state')).toHaveText('Live');
  return page;
}

test('a paged phone opens the incident: details, runbook, who was paged, the escalation, and live notes', async ({ browser }) => {
  relay = await startRelayProcess({
    env: {
      KLAXON_CONFIG: writeTestConfig((doc) => {
        fastEscalationPolicy(doc, ['5m', '5m']);
        doc.services!.find((s) => s.id === 'rmm')!.runbook = RUNBOOK;
      }),
    },
  });
  mkdirSync(ARTIFACTS, { recursive: true });
  const ann = await loginOf('ann');
  const bobPhone = await openPhone(browser, await deviceTokenOf('bob'));

  const id = await trigger('phone-view-1', 'Core switch down in Leeds', ann);
  await bobPhone.getByRole('button', { name: 'Read', exact: true }).click();
  await bobPhone.getByTestId('open-details').click();
  const view = bobPhone.getByTestId('incident-view');
  await expect(view.getByRole('heading', { name: 'Core switch down in Leeds' })).toBeVisible();
  await expect(view).toContainText('RMM alerts');
  await expect(view).toContainText('sw-core-1');
  await expect(bobPhone.getByTestId('fields')).toContainText('Gi0/1');
  await expect(bobPhone.getByTestId('fields')).toContainText('Leeds DC');
  // Bob read the page and the policy stops on read.
  await expect(bobPhone.getByTestId('outlook')).toHaveText('Read stopped the escalation');
  await expect(bobPhone.getByTestId('paged').locator('li[data-state="read"]')).toContainText('Bob Example');

  // The runbook is rendered Markdown: bold, code and an http(s) link; raw HTML and javascript: stay text.
  const runbook = bobPhone.getByTestId('runbook');
  await expect(runbook.locator('strong')).toHaveText('uplink');
  await expect(runbook.getByRole('link', { name: 'the switch dashboard' })).toHaveAttribute('href', 'https://grafana.example/d/core');
  await expect(runbook).toContainText('<script>window.__pwned = true</script>');
  await expect(runbook.locator('script')).toHaveCount(0);
  await expect(runbook.getByRole('link')).toHaveCount(1);
  await expect(view.getByRole('link', { name: 'Switch dashboard', exact: true })).toHaveAttribute('href', 'https://grafana.example/d/sw');
  // The javascript: link of the alert never got past ingest: nothing of it reaches the phone.
  await expect(view.getByText('Not a link')).toHaveCount(0);
  expect(await bobPhone.evaluate('window.__pwned === true')).toBe(false);

  // A note from the phone, as bob; one from the console shows up live.
  await bobPhone.getByLabel('Add a note').fill('At the rack, uplink cable is out');
  await bobPhone.getByRole('button', { name: 'Add note' }).click();
  await expect(bobPhone.getByTestId('notes')).toContainText('Bob Example');
  await expect(bobPhone.getByTestId('notes')).toContainText('At the rack, uplink cable is out');
  await expect(bobPhone.getByLabel('Add a note')).toHaveValue('');
  await api(`/api/v1/incidents/${id}/notes`, ann, { text: 'Spare cable is in the cabinet' });
  await expect(bobPhone.getByTestId('notes')).toContainText('Spare cable is in the cabinet');
  await bobPhone.screenshot({ path: path.join(ARTIFACTS, 'phone-incident-pixel7.png'), fullPage: true });

  // Someone else watching an unread incident sees the countdown to level 2, live.
  const second = await trigger('phone-view-2', 'Core router flapping', ann);
  const danPhone = await openPhone(browser, await deviceTokenOf('dan'), `#/incidents/${second}`);
  await expect(danPhone.getByTestId('outlook')).toHaveText(/^Level 2 in 4:\d\d$/);
  const first = await danPhone.getByTestId('outlook').textContent();
  await expect(danPhone.getByTestId('outlook')).not.toHaveText(first!);
  await expect(danPhone.getByTestId('paged')).toContainText('Bob Example');
  await api(`/api/v1/incidents/${second}/acknowledge`, ann, {});
  await expect(danPhone.getByTestId('outlook')).toHaveText('Acknowledge stopped the escalation');
  await expect(danPhone.getByTestId('incident-view')).toContainText('acknowledged');
  await danPhone.screenshot({ path: path.join(ARTIFACTS, 'phone-incident-countdown-pixel7.png') });

  // On a desktop browser too (ann's, who is not paged, so no page rings over it).
  for (const size of [{ width: 1280, height: 800 }, { width: 1920, height: 1080 }]) {
    const desk = await openPhone(browser, await deviceTokenOf('ann'), `#/incidents/${id}`, size);
    await expect(desk.getByTestId('runbook')).toBeVisible();
    await expect(desk.getByTestId('notes')).toContainText('Spare cable is in the cabinet');
    await desk.screenshot({ path: path.join(ARTIFACTS, `phone-incident-${size.width}x${size.height}.png`), fullPage: true });
  }
});

test('a confidential incident shows only "Confidential incident on <service>" to a phone that may not know it', async ({ browser }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig((doc) => fastEscalationPolicy(doc, ['5m', '5m'])) } });
  const ann = await loginOf('ann');
  const id = await trigger('phone-secret-1', 'CFO mailbox forwarding to outside', ann);
  await api(`/api/v1/incidents/${id}/confidential`, ann, { confidential: true });

  const danPhone = await openPhone(browser, await deviceTokenOf('dan'), `#/incidents/${id}`);
  const view = danPhone.getByTestId('incident-view');
  await expect(view.getByRole('heading', { name: 'Confidential incident on RMM alerts' })).toBeVisible();
  await expect(view).toContainText('This incident is confidential');
  await expect(view).not.toContainText('CFO');
  await expect(view).not.toContainText('sw-core-1');
  await expect(danPhone.getByTestId('fields')).toHaveCount(0);
  await expect(danPhone.getByLabel('Add a note')).toHaveCount(0);
  await danPhone.screenshot({ path: path.join(ARTIFACTS, 'phone-incident-confidential-pixel7.png') });

  // The manager's phone sees it whole.
  const annPhone = await openPhone(browser, await deviceTokenOf('ann'), `#/incidents/${id}`);
  await expect(annPhone.getByRole('heading', { name: 'CFO mailbox forwarding to outside' })).toBeVisible();
});
