import { expect, test } from './csp-watch.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// The browser's own autoplay policy, as on a NOC screen's Chromium: audio waits for a click or key.
// (The suite's launch options are repeated, since this replaces them, with the policy made explicit.)
test.use({
  launchOptions: {
    executablePath: process.env.KLAXON_CHROMIUM ?? '/usr/lib/chromium/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--autoplay-policy=document-user-activation-required',
    ],
  },
});

/**
 * The same policy, kept in the page. Playwright runs every evaluation and every expect with a user
 * gesture (Runtime.callFunctionOn userGesture), which counts as a click for Chromium's autoplay
 * policy: the browser's own refusal cannot be watched under Playwright. So each document starts
 * with audio refused as Chromium refuses it (a new AudioContext is suspended, resume() waits), until
 * a real (trusted) pointer or key event, as a click from Playwright's mouse is.
 */
const AUTOPLAY_REFUSED = `(() => {
  const Native = window.AudioContext;
  let allowed = false;
  const contexts = new Set();
  const allow = (event) => {
    if (!event.isTrusted || allowed) return;
    allowed = true;
    for (const context of contexts) context.dispatchEvent(new Event('statechange'));
  };
  window.addEventListener('pointerdown', allow, true);
  window.addEventListener('keydown', allow, true);
  window.AudioContext = class extends Native {
    constructor(...options) {
      super(...options);
      contexts.add(this);
    }
    get state() {
      return allowed ? super.state : 'suspended';
    }
    resume() {
      return allowed ? super.resume() : new Promise(() => {});
    }
  };
})();`;

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

test('after a reload with a high incident open the board says the alarm is blocked, and a click enables it', async ({ page }) => {
  test.setTimeout(120_000);
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const enqueued = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'core-sw-1',
      payload: { summary: 'Core switch CS01 down', source: 'cs01', severity: 'critical' },
    }),
  });
  expect(enqueued.status).toBe(202);

  await page.addInitScript({ content: AUTOPLAY_REFUSED });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');
  const row = page.getByTestId('board-row').filter({ hasText: 'Core switch CS01 down' });
  await expect(row).toHaveClass(/board-row--alarm/);
  // Signing in was typing and clicking: the tone may play, and the board says so.
  await expect(page.getByTestId('sound-state')).toHaveAttribute('data-state', 'on');
  await expect(page.getByTestId('sound-blocked')).toHaveCount(0);

  // The NOC screen restarts: nobody has touched the reloaded page, so the browser holds the audio.
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
  await expect(row).toHaveClass(/board-row--alarm/);
  const banner = page.getByTestId('sound-blocked');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Sound is blocked — click anywhere to enable');
  await expect(banner).toContainText('1 high priority incident is waiting unheard');
  await expect(page.getByTestId('sound-state')).toHaveAttribute('data-state', 'blocked');
  await expect(page.getByTestId('sound-state')).toHaveText('Sound blocked');
  await shootBothSizes(page, 'alarm-blocked');

  // One click anywhere (here on the page's empty space) is the gesture that lets the tone play.
  await page.locator('.console__main').click({ position: { x: 5, y: 5 } });
  await expect(banner).toHaveCount(0);
  await expect(page.getByTestId('sound-state')).toHaveText('Sound on');
  await expect(page.getByTestId('sound-state')).toHaveAttribute('data-state', 'on');
  expect(await page.evaluate('new Promise((done) => setTimeout(() => done(document.querySelector("[data-testid=sound-blocked]")), 1000))')).toBeNull();

  // Muting is still the person's choice, and shows as off.
  await page.getByTestId('sound-state').click();
  await expect(page.getByTestId('sound-state')).toHaveText('Sound off');
  await page.reload();
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
  // Muted on purpose: nothing to unblock, so no banner.
  await expect(page.getByTestId('sound-state')).toHaveText('Sound off');
  await expect(page.getByTestId('sound-blocked')).toHaveCount(0);
});
