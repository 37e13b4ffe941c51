import { expect, type Page, test } from '@playwright/test';
import type { Indicator } from '../../shared/schemas/intel.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { shootBothSizes } from '../support/screenshots.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `intel-${name}`);

let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

/** A relay whose config adds Tess, a threat researcher (Bob is the example's triage analyst). */
async function startIntelRelay(): Promise<RelayProcess> {
  return startRelayProcess({
    env: {
      KLAXON_CONFIG: writeTestConfig((doc) => {
        (doc.users ??= []).push({ id: 'tess', name: 'Tess Example', email: 'tess@example.com', role: 'threat-researcher', password: 'change-me-tess' });
      }),
    },
  });
}

async function api(method: string, url: string, token: string, body?: unknown): Promise<Response> {
  return fetch(url, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

test('a researcher adds an IP on the Intelligence page (the relay\'s 400 names the field), a bad import is refused with each path, and an observable becomes an indicator in two clicks', async ({ page }) => {
  relay = await startIntelRelay();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'tess');
  await page.getByRole('link', { name: 'Intelligence' }).click();
  await expect(page.getByTestId('intel-empty')).toBeVisible();

  // A value that is not an IP: the relay's 400 marks the field, nothing is saved.
  await page.getByRole('button', { name: 'New indicator' }).click();
  const dialog = page.getByRole('form', { name: 'New indicator' });
  await dialog.getByLabel('Value').fill('not-an-ip');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByTestId('indicator-error-value')).toContainText(/value/i);
  await dialog.getByLabel('Value').fill('203.0.113.77');
  await dialog.getByLabel('Tags').fill('c2, botnet');
  await dialog.getByLabel('Source').fill('Abuse feed');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('intel-row').filter({ hasText: '203.0.113.77' })).toContainText('Abuse feed');

  // A malformed import is refused with the path of each bad row; nothing is imported.
  await page.getByRole('button', { name: 'Import' }).click();
  const importing = page.getByRole('form', { name: 'Import indicators' });
  await importing.getByLabel('Indicators to import').fill('type,value\nip,198.51.100.1\nip,999.1.1.1\nbogus,x');
  await importing.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByTestId('import-errors')).toContainText('Nothing was imported');
  await expect(page.getByTestId('import-errors').locator('li')).toHaveCount(2);
  await importing.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByTestId('intel-row')).toHaveCount(1);

  // Expired and restricted ones made over the API: the expired row is muted, live-only hides it.
  const token = await apiToken(relay.url, 'tess');
  const expired = await api('POST', `${relay.url}/api/v1/intel/indicators`, token, { type: 'domain', value: 'old-c2.example', expiresAt: '2020-01-01T00:00:00.000Z', tags: ['c2'] });
  expect(expired.status).toBe(201);
  const restricted = await api('POST', `${relay.url}/api/v1/intel/indicators`, token, { type: 'domain', value: 'secret-c2.example', visibility: 'restricted', confidence: 95 });
  expect(restricted.status).toBe(201);
  await page.reload();
  await expect(page.getByTestId('intel-row')).toHaveCount(3);
  await expect(page.getByTestId('intel-row').filter({ hasText: 'old-c2.example' })).toContainText('expired');
  await page.getByText('Live only').click();
  await expect(page.getByTestId('intel-row')).toHaveCount(2);
  await shoot(page, 'page');

  // An incident with observables in its payload: two clicks turn the peer's IP into an indicator linked to it.
  const sent = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'login-1',
      payload: { summary: 'Impossible travel for a VPN login', source: 'vpn-gw-1', severity: 'error', custom_details: { peer: '198.51.100.23', user: 'kim@acme.example' } },
    }),
  });
  expect(sent.status).toBe(202);
  await page.getByRole('link', { name: 'Board', exact: true }).click();
  await page.getByTestId('board-row').filter({ hasText: 'Impossible travel' }).getByRole('link').click();
  const section = page.getByTestId('detail-intel');
  const peer = section.getByTestId('observable').filter({ hasText: '198.51.100.23' });
  await peer.getByRole('button', { name: 'Add 198.51.100.23 as indicator' }).click();
  const prefilled = page.getByRole('form', { name: 'New indicator' });
  await expect(prefilled.getByLabel('Value')).toHaveValue('198.51.100.23');
  const incidentId = decodeURIComponent(new URL(page.url()).hash.split('/').pop() ?? '');
  await expect(prefilled.getByLabel('Source')).toHaveValue(`incident ${incidentId}`);
  await shoot(page, 'detail-dialog');
  await prefilled.getByRole('button', { name: 'Save' }).click();
  await expect(peer).toContainText('indicator');
  await expect(peer.getByRole('button', { name: /as indicator/ })).toHaveCount(0);
  const listed = (await (await api('GET', `${relay.url}/api/v1/intel/indicators`, token)).json()) as { indicators: Indicator[] };
  expect(listed.indicators.find((i) => i.value === '198.51.100.23')).toMatchObject({ type: 'ip', source: `incident ${incidentId}`, incidentIds: [incidentId] });
});

test('an alert with a live indicator in it is flagged on the board within a second, toasts the researcher, and its detail lists the match', async ({ page }) => {
  relay = await startIntelRelay();
  const token = await apiToken(relay.url, 'tess');
  expect((await api('POST', `${relay.url}/api/v1/intel/indicators`, token, { type: 'ip', value: '203.0.113.77', tags: ['c2'], confidence: 80 })).status).toBe(201);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'tess');
  const sent = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'beacon-1', payload: { summary: 'Outbound beacon to 203.0.113.77', source: 'fw-edge-1', severity: 'error' } }),
  });
  expect(sent.status).toBe(202);
  const row = page.getByTestId('board-row').filter({ hasText: 'Outbound beacon to 203.0.113.77' });
  await expect(row.getByTestId('board-intel')).toBeVisible({ timeout: 1000 });
  await expect(row.getByTestId('board-intel')).toHaveAttribute('title', 'matches 1 threat indicator');
  await expect(page.getByTestId('intel-toast')).toContainText('Outbound beacon to 203.0.113.77');
  await shoot(page, 'board');

  await page.getByTestId('intel-toast').getByRole('link').click();
  const section = page.getByTestId('detail-intel');
  await expect(section.getByTestId('intel-matches')).toContainText('203.0.113.77');
  await expect(section.getByTestId('observable').filter({ hasText: '203.0.113.77' })).toContainText('indicator');
  await section.scrollIntoViewIfNeeded();
  await shoot(page, 'detail');
});

test('a triage analyst reads the database without write controls and never sees a restricted value', async ({ page }) => {
  relay = await startIntelRelay();
  const token = await apiToken(relay.url, 'tess');
  expect((await api('POST', `${relay.url}/api/v1/intel/indicators`, token, { type: 'ip', value: '203.0.113.9', tags: ['scanner'] })).status).toBe(201);
  expect((await api('POST', `${relay.url}/api/v1/intel/indicators`, token, { type: 'domain', value: 'secret-c2.example', visibility: 'restricted' })).status).toBe(201);

  // The relay refuses the analyst's write whatever the console shows.
  const bob = await apiToken(relay.url, 'bob');
  expect((await api('POST', `${relay.url}/api/v1/intel/indicators`, bob, { type: 'ip', value: '192.0.2.1' })).status).toBe(403);

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'bob');
  await page.getByRole('link', { name: 'Intelligence' }).click();
  await expect(page.getByTestId('intel-row').filter({ hasText: '203.0.113.9' })).toBeVisible();
  await expect(page.getByText('Threat researchers, IR managers and admins keep this database')).toBeVisible();
  await expect(page.getByRole('button', { name: 'New indicator' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Import' })).toHaveCount(0);
  await expect(page.getByTestId('intel-row').getByRole('button')).toHaveCount(0);
  await expect(page.locator('body')).not.toContainText('secret-c2.example');
  await shoot(page, 'page-analyst');
});
