import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devices, type Page } from '@playwright/test';
import { expect, test } from './csp-watch.js';
import { startRecordingServer } from '../../server/adapters/notify/testing/recording-server.js';
import { createTestSubscriber, decryptWebPush } from '../../server/adapters/notify/testing/web-push-receiver.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, fastEscalationPolicy, writeTestConfig } from '../support/test-config.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');
// A phone: Pixel 7 viewport, touch and user agent, on the configured Chromium (not a forced new worker).
const { defaultBrowserType: _browser, ...pixel7 } = devices['Pixel 7'];

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

/**
 * Records every oscillator the page creates and every vibration it asks for, before any app code runs
 * (browser code as text: the test's own tsconfig has no DOM types).
 */
const INSTRUMENT_RINGING = `
  const ring = { oscillators: 0, vibrations: [] };
  window.__ring = ring;
  const create = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () { ring.oscillators += 1; return create.call(this); };
  Object.defineProperty(Navigator.prototype, 'vibrate', { configurable: true, value: (p) => (ring.vibrations.push(p), true) });
`;
const ringOf = (page: Page) => page.evaluate('window.__ring') as Promise<{ oscillators: number; vibrations: unknown[] }>;

/** The notifications the service worker shows, as plain data. */
const SHOWN_NOTIFICATIONS = `self.registration.getNotifications().then((all) => all.map((n) => ({
  title: n.title, body: n.body, actions: n.actions.map((a) => a.action), read: n.data.actions.read, pageId: n.data.pageId,
})))`;
interface ShownNotification {
  title: string;
  body: string;
  actions: string[];
  read: string;
  pageId: string;
}

async function api<T>(base: string, pathname: string, token?: string, body?: unknown): Promise<T> {
  const response = await fetch(`${base}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${pathname} answered ${response.status}`).toBeLessThan(300);
  return (await response.json()) as T;
}

const trigger = (base: string, dedupKey: string, summary: string) =>
  api(base, '/v2/enqueue', undefined, {
    routing_key: KEYS.eventsV2,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary, source: 'db-01', severity: 'critical' },
  });

interface IncidentDetail {
  incident: { id: string; summary: string; escalation: string };
  timeline: { type: string }[];
}

test('a paired phone rings for a page until Read, the relay records the read, and missed pages ring on reconnect', async ({ browser }) => {
  // Level 1 pages bob, level 2 (five minutes later) cara; stop on read.
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig((doc) => fastEscalationPolicy(doc, ['5m', '5m'])), KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32' } });
  const base = relay.url;

  // Bob makes a pairing code in the console (the QR code is its URL).
  const desk = await browser.newContext();
  const consolePage = await desk.newPage();
  await consolePage.goto(`${base}/`);
  await consolePage.getByLabel('Username').fill('bob');
  await consolePage.getByLabel('Password', { exact: true }).fill('change-me-bob');
  await consolePage.getByLabel('Password', { exact: true }).press('Enter');
  await expect(consolePage.getByTestId('connection-state')).toHaveText('Live');
  await consolePage.goto(`${base}/#/devices`);
  await consolePage.getByRole('button', { name: 'Pair a phone' }).click();
  const code = (await consolePage.getByTestId('pairing-code').textContent())!.trim();
  expect(code).toMatch(/^[A-Z2-9]{8}$/);
  await expect(consolePage.getByRole('img', { name: `QR code for ${base}/m/#/pair?code=${code}` })).toBeVisible();

  // The phone opens the QR code's link and pairs.
  const phoneContext = await browser.newContext({ ...pixel7 });
  await phoneContext.addInitScript({ content: INSTRUMENT_RINGING });
  const phone = await phoneContext.newPage();
  await phone.goto(`${base}/m/#/pair?code=${code}`);
  await expect(phone.getByLabel('Pairing code')).toHaveValue(code);
  await phone.getByRole('button', { name: 'Pair this phone' }).click();
  await expect(phone.getByTestId('signed-in-as')).toHaveText('Bob Example');
  await expect(phone.getByTestId('link-state')).toHaveText('Live');
  // The console lists the phone.
  await consolePage.reload();
  await expect(consolePage.getByTestId('device-row')).toHaveCount(1);

  // A high page takes the whole screen and rings: an oscillator plays and the phone vibrates.
  await trigger(base, 'phone-e2e-1', 'db-01 disk full on /var');
  const ringing = phone.getByTestId('ringing-page');
  await expect(ringing).toBeVisible();
  await expect(ringing).toHaveAttribute('data-ringing', 'true');
  await expect(phone.getByRole('heading', { name: 'db-01 disk full on /var' })).toBeVisible();
  await expect.poll(async () => (await ringOf(phone)).oscillators).toBeGreaterThan(0);
  await expect.poll(async () => (await ringOf(phone)).vibrations.length).toBeGreaterThan(0);
  mkdirSync(ARTIFACTS, { recursive: true });
  await phone.screenshot({ path: path.join(ARTIFACTS, 'phone-ringing.png') });

  // Read: the ring stops at once (vibration cancelled), and the relay records the read and stops the escalation.
  await phone.getByRole('button', { name: 'Read', exact: true }).click();
  await expect(ringing).toHaveAttribute('data-ringing', 'false');
  expect((await ringOf(phone)).vibrations.at(-1)).toBe(0);
  await expect(phone.getByRole('button', { name: 'Acknowledge' })).toBeVisible();
  await expect(phone.getByRole('button', { name: "I can't take it" })).toBeVisible();
  const ann = (await api<{ token: string }>(base, '/api/v1/auth/login', undefined, { username: 'ann', password: 'change-me-ann' })).token;
  const { incidents } = await api<{ incidents: { id: string; summary: string }[] }>(base, '/api/v1/incidents', ann);
  const first = incidents.find((i) => i.summary === 'db-01 disk full on /var')!;
  await expect
    .poll(async () => {
      const detail = await api<IncidentDetail>(base, `/api/v1/incidents/${first.id}`, ann);
      return { escalation: detail.incident.escalation, read: detail.timeline.some((e) => e.type === 'page.read') };
    })
    .toEqual({ escalation: 'stopped', read: true });
  const detail = await api<IncidentDetail>(base, `/api/v1/incidents/${first.id}`, ann);
  expect(detail.timeline.map((e) => e.type)).not.toContain('escalation.level');
  await phone.getByRole('button', { name: 'Back to my pages' }).click();
  await expect(ringing).toBeHidden();

  // Offline, a page is missed; back online, the relay replays it and it rings.
  const vibrationsBefore = (await ringOf(phone)).vibrations.length;
  await phoneContext.setOffline(true);
  await expect(phone.getByTestId('link-state')).toHaveText('Offline');
  await trigger(base, 'phone-e2e-2', 'core switch down');
  await expect
    .poll(async () => (await api<{ incidents: { summary: string }[] }>(base, '/api/v1/incidents', ann)).incidents.some((i) => i.summary === 'core switch down'))
    .toBe(true);
  await expect(ringing).toBeHidden();
  await phoneContext.setOffline(false);
  await expect(phone.getByTestId('link-state')).toHaveText('Live');
  await expect(ringing).toBeVisible();
  await expect(phone.getByRole('heading', { name: 'core switch down' })).toBeVisible();
  await expect(ringing).toHaveAttribute('data-ringing', 'true');
  await expect.poll(async () => (await ringOf(phone)).vibrations.length).toBeGreaterThan(vibrationsBefore);
  await phone.getByRole('button', { name: 'Read', exact: true }).click();
  await expect(ringing).toHaveAttribute('data-ringing', 'false');

  await desk.close();
  await phoneContext.close();
});

test('"I can\'t take it" after Read pages the next level: the second person\'s phone rings', async ({ browser }) => {
  // Stop on read: before, the button answered ok and did nothing once the page was read.
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig((doc) => fastEscalationPolicy(doc, ['5m', '5m'])) } });
  const base = relay.url;
  const pairPhone = async (username: 'bob' | 'cara') => {
    const token = (await api<{ token: string }>(base, '/api/v1/auth/login', undefined, { username, password: `change-me-${username}` })).token;
    const { code } = await api<{ code: string }>(base, '/api/v1/devices/pairing-codes', token, {});
    const context = await browser.newContext({ ...pixel7 });
    await context.addInitScript({ content: INSTRUMENT_RINGING });
    const page = await context.newPage();
    await page.goto(`${base}/m/#/pair?code=${code}`);
    await page.getByRole('button', { name: 'Pair this phone' }).click();
    await expect(page.getByTestId('link-state')).toHaveText('Live');
    return { context, page };
  };
  const bob = await pairPhone('bob');
  const cara = await pairPhone('cara');

  await trigger(base, 'cant-take-it', 'payments api answering 500');
  await expect(bob.page.getByTestId('ringing-page')).toHaveAttribute('data-ringing', 'true');
  await bob.page.getByRole('button', { name: 'Read', exact: true }).click();
  await bob.page.getByRole('button', { name: "I can't take it" }).click();
  await expect(bob.page.getByTestId('ringing-page')).toBeHidden();

  // Level 2 (cara) is paged now, not in five minutes: her phone rings with the incident.
  await expect(cara.page.getByTestId('ringing-page')).toHaveAttribute('data-ringing', 'true');
  await expect(cara.page.getByRole('heading', { name: 'payments api answering 500' })).toBeVisible();
  mkdirSync(ARTIFACTS, { recursive: true });
  await cara.page.screenshot({ path: path.join(ARTIFACTS, 'phone-next-level-after-cant-take-it.png') });

  // The record says who asked and that the stopped escalation started again.
  const ann = (await api<{ token: string }>(base, '/api/v1/auth/login', undefined, { username: 'ann', password: 'change-me-ann' })).token;
  const { incidents } = await api<{ incidents: { id: string; summary: string }[] }>(base, '/api/v1/incidents', ann);
  const incident = incidents.find((i) => i.summary === 'payments api answering 500')!;
  const detail = await api<{ incident: IncidentDetail['incident']; timeline: { type: string; actor: { id: string | null }; data: Record<string, unknown> }[] }>(
    base,
    `/api/v1/incidents/${incident.id}`,
    ann,
  );
  expect(detail.incident.escalation).toBe('running');
  expect(detail.timeline.find((e) => e.type === 'escalation.started' && e.data.restarted)).toMatchObject({ actor: { id: 'bob' }, data: { from: 'stopped', stopReason: 'read' } });
  expect(detail.timeline.find((e) => e.type === 'escalation.level')).toMatchObject({ actor: { id: 'bob' }, data: { from: 0, to: 1, reason: 'escalate-now' } });
  await bob.context.close();
  await cara.context.close();
});

test('the service worker shows a Web Push page with Read and Acknowledge while the app is closed, and its Read link reports back', async ({ browser }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig((doc) => fastEscalationPolicy(doc, ['5m', '5m'])), KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32' } });
  const base = relay.url;
  // A local push service stands in for the browser vendor's: it receives what the relay encrypts.
  const pushService = await startRecordingServer(() => ({ status: 201 }));
  try {
    const bob = (await api<{ token: string }>(base, '/api/v1/auth/login', undefined, { username: 'bob', password: 'change-me-bob' })).token;
    const { code } = await api<{ code: string }>(base, '/api/v1/devices/pairing-codes', bob, {});

    const phoneContext = await browser.newContext({ ...pixel7, permissions: ['notifications'] });
    const phone = await phoneContext.newPage();
    await phone.goto(`${base}/m/#/pair?code=${code}`);
    await phone.getByRole('button', { name: 'Pair this phone' }).click();
    await expect(phone.getByTestId('link-state')).toHaveText('Live');
    // Installable: a manifest and a service worker controlling /m/.
    const manifest = await fetch(`${base}/m/manifest.webmanifest`);
    expect(manifest.headers.get('content-type')).toContain('application/manifest+json');
    expect(await manifest.json()).toMatchObject({ display: 'standalone', start_url: './' });
    expect(await phone.evaluate('navigator.serviceWorker.ready.then((r) => r.scope)')).toBe(`${base}/m/`);
    const sw = await fetch(`${base}/m/sw.js`);
    expect(sw.headers.get('cache-control')).toBe('no-cache');

    // The relay encrypts a page to bob's subscription; the local push service decrypts it.
    const subscriber = createTestSubscriber(`${pushService.baseUrl}/push/bob`);
    await api(base, '/api/v1/push/subscriptions', bob, { subscription: subscriber.subscription });
    await trigger(base, 'push-e2e-1', 'vpn gateway unreachable');
    await expect.poll(() => pushService.requests.length).toBeGreaterThan(0);
    const payload = decryptWebPush(subscriber, pushService.requests[0]!.body);

    // The app is closed; the push arrives at the service worker (delivered through DevTools, as a push service would).
    const cdp = await phoneContext.newCDPSession(phone);
    const registration = new Promise<string>((resolve) =>
      cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
        const mine = registrations.find((r) => r.scopeURL === `${base}/m/` && !r.isDeleted);
        if (mine) resolve(mine.registrationId);
      }),
    );
    await cdp.send('ServiceWorker.enable');
    const registrationId = await registration;
    await phone.goto('about:blank');
    // The newest worker of the registration (the browser may restart it to deliver the push).
    const currentWorker = () => phoneContext.serviceWorkers().filter((w) => w.url() === `${base}/m/sw.js`).at(-1)!;
    const shown = () => currentWorker().evaluate(SHOWN_NOTIFICATIONS) as Promise<ShownNotification[]>;
    // A push delivered while the page is still unloading can be lost in DevTools' delivery; a push
    // service retries, and so does the test (the notification's tag is the page id, so a second
    // delivery replaces the first instead of adding one).
    for (let attempt = 0; attempt < 5; attempt++) {
      await cdp.send('ServiceWorker.deliverPushMessage', { origin: base, registrationId, data: payload });
      const deadline = Date.now() + 3_000;
      while (Date.now() < deadline && (await shown().catch(() => [])).length === 0) await new Promise((r) => setTimeout(r, 200));
      if ((await shown().catch(() => [])).length > 0) break;
    }
    const worker = currentWorker();
    await expect
      .poll(shown)
      .toEqual([{ title: 'HIGH · RMM alerts', body: 'vpn gateway unreachable', actions: ['read', 'acknowledge'], read: expect.stringContaining('/actions/pages/'), pageId: expect.any(String) }]);
    const [notification] = await shown();
    // The notification's Read action posts its signed link from the service worker.
    expect(await worker.evaluate(`fetch(${JSON.stringify(notification!.read)}, { method: 'POST' }).then((r) => r.status)`)).toBe(200);
    const ann = (await api<{ token: string }>(base, '/api/v1/auth/login', undefined, { username: 'ann', password: 'change-me-ann' })).token;
    const { incidents } = await api<{ incidents: { id: string; summary: string }[] }>(base, '/api/v1/incidents', ann);
    const incident = incidents.find((i) => i.summary === 'vpn gateway unreachable')!;
    const detail = await api<IncidentDetail>(base, `/api/v1/incidents/${incident.id}`, ann);
    expect(detail.incident.escalation).toBe('stopped');
    expect(detail.timeline.map((e) => e.type)).toContain('page.read');
    await phoneContext.close();
  } finally {
    await pushService.close();
  }
});

test('notification rules are set in the console, and "Send me a test page" shows each channel\'s delivery result', async ({ page }) => {
  // The test ntfy server listens on loopback, which outbound requests may reach only when allowed.
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32' } });
  const ntfy = await startRecordingServer(() => ({ status: 200, body: { id: 'msg-1' } }));
  try {
    await page.goto(`${relay.url}/`);
    await page.getByLabel('Username').fill('dan');
    await page.getByLabel('Password', { exact: true }).fill('change-me-dan');
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expect(page.getByTestId('connection-state')).toHaveText('Live');
    await page.goto(`${relay.url}/#/notifications`);
    await expect(page.getByTestId('notify-rule')).toHaveCount(1);

    // Dan adds ntfy two minutes in, with his topic.
    await page.getByRole('button', { name: 'Add a rule' }).click();
    await page.getByLabel('Channel of rule 2').selectOption('ntfy');
    await page.getByLabel('Minutes before rule 2').fill('2');
    await page.getByLabel('ntfy topic URL').fill(`${ntfy.baseUrl}/klaxon-dan`);
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();

    await page.reload();
    await expect(page.getByTestId('notify-rule')).toHaveCount(2);
    await expect(page.getByLabel('Minutes before rule 2')).toHaveValue('2');

    await page.getByRole('button', { name: 'Send me a test page' }).click();
    const results = page.getByTestId('test-result');
    await expect(results).toHaveCount(2);
    // No phone app is open and there is no push subscription: the phone channel says so.
    await expect(results.filter({ hasText: 'push' })).toContainText('failed — 0 open apps confirmed, 0 of 0 push subscriptions accepted');
    await expect(results.filter({ hasText: 'ntfy' })).toContainText('delivered — accepted by ntfy');
    expect(JSON.parse(ntfy.requests.at(-1)!.text)).toMatchObject({ topic: 'klaxon-dan', priority: 5 });

    // The console checks a phone number before saving: E.164-shaped but a digit short for the UK is
    // refused here (the relay would refuse it too); a valid spelling is saved and shown in E.164.
    const number = page.getByLabel('Phone number for SMS and calls');
    await number.fill('+44 20 7946 095');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('alert')).toHaveText('Phone number: use a valid phone number in international form, e.g. +44 20 7946 0958');
    await expect(number).toHaveAttribute('aria-invalid', 'true');
    await page.reload();
    await expect(number).toHaveValue('');
    await number.fill('00 44 20 7946 0958');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
    await expect(number).toHaveValue('+442079460958');
    await expect(number).not.toHaveAttribute('aria-invalid', 'true');
  } finally {
    await ntfy.close();
  }
});
