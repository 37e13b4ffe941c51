import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { fastEscalationPolicy, KEYS, writeTestConfig } from '../support/test-config.js';

const ARTIFACTS = path.join(fileURLToPath(new URL('../..', import.meta.url)), 'tests', 'artifacts');

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

test('a page that cannot be delivered shows in red on the board as a push, with the reason on hover', async ({ page }) => {
  // Level 1 pages dan, who has no paired phone: the relay knows at once that it cannot deliver.
  relay = await startRelayProcess({
    env: {
      KLAXON_CONFIG: writeTestConfig((doc) => {
        fastEscalationPolicy(doc, ['5m', '5m']);
        doc.policies!.find((p) => p.id === 'noc-default')!.levels![0]!.targets = [{ user: 'dan' }];
      }),
    },
  });
  const base = relay.url;
  await page.goto(`${base}/`);
  await page.getByLabel('Username').fill('ann');
  await page.getByLabel('Password', { exact: true }).fill('change-me-ann');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
  // The start-up check: nobody on the schedule has paired a phone, and the board says so.
  const notice = page.getByTestId('unreachable-people');
  await expect(notice).toContainText('Dan Example');
  await expect(notice.getByText('Dan Example')).toHaveAttribute('title', 'push: dan has no paired phone and no push subscription');

  // The browser notes when the failed page first shows (a DOM observer, so no polling delay is measured).
  await page.evaluate(`(() => {
    window.__failedShownAt = null;
    new MutationObserver(() => {
      if (window.__failedShownAt === null && document.querySelector('[data-testid="paged-dan"].paged-person--failed')) window.__failedShownAt = Date.now();
    }).observe(document.body, { subtree: true, childList: true, attributes: true });
  })()`);
  const sent = await fetch(`${base}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'dan-no-phone', payload: { summary: 'mail relay queue stuck', source: 'mx1', severity: 'critical' } }),
  });
  expect(sent.status).toBe(202);

  await page.waitForSelector('[data-testid="board-row"] [data-testid="paged-dan"].paged-person--failed', { timeout: 15_000 });
  const shownAt = (await page.evaluate('window.__failedShownAt')) as number;
  const dan = page.getByTestId('board-row').filter({ hasText: 'mail relay queue stuck' }).getByTestId('paged-dan');
  await expect(dan).toHaveAttribute('title', 'Dan Example: failed — dan has no paired phone and no push subscription');
  // Red: the failed page's colour as the browser computed it.
  await expect(dan).toHaveCSS('color', 'rgb(248, 113, 113)');

  // When did the relay know? The page.failed event's time, from the same machine's clock.
  const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }) });
  const token = ((await login.json()) as { token: string }).token;
  const list = (await (await fetch(`${base}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } })).json()) as { incidents: { id: string; dedupKey: string }[] };
  const id = list.incidents.find((i) => i.dedupKey === 'dan-no-phone')!.id;
  const detail = (await (await fetch(`${base}/api/v1/incidents/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { timeline: { type: string; at: string }[] };
  const knewAt = Date.parse(detail.timeline.find((e) => e.type === 'page.failed')!.at);
  // How soon is a figure for the notes, not an assertion (timings depend on the machine's load); that it
  // came as a push, after the relay knew and without reloading the page, is asserted.
  console.info(`[failed-pages] board showed the failed page ${shownAt - knewAt} ms after the relay knew`);
  expect(shownAt).toBeGreaterThanOrEqual(knewAt);

  mkdirSync(ARTIFACTS, { recursive: true });
  for (const [width, height] of [[1280, 800], [1920, 1080]] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: path.join(ARTIFACTS, `board-failed-page-${width}.png`) });
  }
});
