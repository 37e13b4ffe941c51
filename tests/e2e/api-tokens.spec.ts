import { expect, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `api-tokens-${name}`, { fullPage: true });

let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

test('a person creates a read-only API token in the console; it lists incidents and is refused on acknowledge', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  const trigger = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'e2e-token', payload: { summary: 'Disk full', source: 'srv1', severity: 'critical' } }),
  });
  expect(trigger.status).toBe(202);

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'dan');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await expect(page.getByTestId('tokens-empty')).toBeVisible();
  await shoot(page, 'empty');

  await page.getByTestId('token-name').fill('read-only script');
  // incidents:read is ticked by default; nothing else.
  await expect(page.getByTestId('scope-incidents:act').locator('input')).not.toBeChecked();
  await page.getByTestId('token-create').click();
  const secret = (await page.getByTestId('token-secret').textContent())!.trim();
  expect(secret).toMatch(/^klx_/);
  await shoot(page, 'secret');
  await page.getByTestId('token-secret-done').click();
  await expect(page.getByTestId('token-secret')).toBeHidden();
  const row = page.getByTestId('token-row-read-only script');
  await expect(row).toContainText('incidents:read');
  await expect(row).toContainText(secret.slice(0, 12));
  await expect(row).not.toContainText(secret);

  const auth = { authorization: `Bearer ${secret}` };
  const list = await fetch(`${url}/api/v1/incidents`, { headers: auth });
  expect(list.status).toBe(200);
  const incident = ((await list.json()) as { incidents: Incident[] }).incidents.find((i) => i.dedupKey === 'e2e-token')!;
  const ack = await fetch(`${url}/api/v1/incidents/${incident.id}/acknowledge`, { method: 'POST', headers: auth });
  expect(ack.status).toBe(403);
  expect(((await ack.json()) as { error: string }).error).toContain('incidents:act');

  await page.reload();
  await expect(page.getByTestId('token-row-read-only script')).toBeVisible();
  await shoot(page, 'list');
  await page.getByRole('button', { name: 'Revoke read-only script' }).click();
  await shoot(page, 'revoke');
  await page.getByTestId('token-revoke-confirm').click();
  await expect(page.getByTestId('token-row-read-only script')).toContainText('revoked');
  expect((await fetch(`${url}/api/v1/incidents`, { headers: auth })).status).toBe(401);
});

test('an admin creates a service token; the list shows its kind and owner, and the token acts as its service account', async ({ page }) => {
  relay = await startRelayProcess({
    env: {
      KLAXON_CONFIG: writeTestConfig((doc) => {
        doc.users!.push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root', notify: [] });
      }),
    },
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'root');
  await page.getByRole('link', { name: 'API tokens' }).click();
  await page.getByTestId('token-name').fill('monitoring');
  await page.getByRole('combobox', { name: 'Kind' }).click();
  await page.getByRole('option', { name: 'Service (its own account)' }).click();
  await page.getByTestId('scope-ingest').click();
  await page.getByTestId('token-create').click();
  const secret = (await page.getByTestId('token-secret').textContent())!.trim();
  await page.getByTestId('token-secret-done').click();
  const row = page.getByTestId('token-row-monitoring');
  await expect(row).toContainText('service');
  // The owner by name (was the user id before the console named people).
  await expect(row).toContainText('Root Admin');
  await expect(row).toContainText('ingest');
  await shoot(page, 'admin');
  const me = await fetch(`${relay.url}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
  expect(me.status).toBe(200);
  expect(((await me.json()) as { id: string }).id).toMatch(/^service\.tok-/);
});
