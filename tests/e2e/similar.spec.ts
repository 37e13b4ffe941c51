import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { apiToken, signIn } from '../support/console-sign-in.js';

/** Screenshots go outside the repository (they are looked at, not kept). */
const SHOTS = '/tmp/klaxon-similar-shots';
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

/** Screenshots of `target` at both sizes; fails when the page is wider than the window. */
async function shoot(page: Page, target: Locator, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    await page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    const overflow = (await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth')) as number;
    expect(overflow, `${name} at ${size.width}×${size.height} overflows sideways`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: path.join(SHOTS, `${name}-page-${size.width}x${size.height}.png`) });
    await target.screenshot({ path: path.join(SHOTS, `${name}-${size.width}x${size.height}.png`) });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('two incidents dismissed as false positives: a new alert like them lists them in the detail panel and shows "FP ×2" on its board row', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  const token = await apiToken(url, 'ann');
  const api = async (method: string, route: string, body?: unknown) => {
    const response = await fetch(`${url}${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.ok, `${method} ${route} answered ${response.status}`).toBe(true);
    return response.json() as Promise<unknown>;
  };
  const trigger = async (summary: string): Promise<Incident> => {
    const response = await fetch(`${url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'backup-job-late', payload: { summary, source: 'backup-01', severity: 'critical', component: 'veeam' } }),
    });
    expect(response.status).toBe(202);
    const { incidents } = (await api('GET', '/api/v1/incidents')) as { incidents: Incident[] };
    return incidents.find((i) => i.dedupKey === 'backup-job-late')!;
  };

  const first = await trigger('Backup job late on backup-01');
  await api('POST', `/api/v1/incidents/${first.id}/dismiss`, { reason: 'The job ran late after patching' });
  const second = await trigger('Backup job late on backup-01 (Sunday)');
  await api('POST', `/api/v1/incidents/${second.id}/dismiss`, { reason: 'Known slow Sunday run' });

  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'bob');
  const current = await trigger('Backup job late on backup-01');
  const row = page.locator(`[data-testid="board-row"][data-incident-id="${current.id}"]`);
  await expect(row).toBeVisible();
  // The hint arrives with the incident's next update, after ingest committed it.
  const hint = row.getByTestId('history-hint');
  await expect(hint).toHaveText(/FP ×2/);
  await expect(hint).toHaveAttribute('title', '2 similar past incidents: 2 false positives, 0 confirmed');
  await shoot(page, row, 'board-row');

  await row.getByRole('link', { name: 'Backup job late on backup-01' }).click();
  const panel = page.getByTestId('similar-panel');
  await expect(panel.getByTestId('similar-summary')).toHaveText('False positive the last 2 times');
  const items = panel.getByTestId('similar-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-incident-id', second.id);
  await expect(items.nth(1)).toHaveAttribute('data-incident-id', first.id);
  await expect(items.nth(0)).toContainText('Backup job late on backup-01 (Sunday)');
  await expect(items.nth(0)).toContainText('resolved by Ann');
  await expect(items.nth(0).getByTestId('similar-verdict')).toHaveText('False positive');
  await expect(items.nth(0).getByTestId('similar-reason')).toHaveText(['same dedup key', 'same source', 'shared labels', 'similar text']);
  await shoot(page, panel, 'detail-panel');

  // An earlier incident opens from the panel.
  await items.nth(1).getByRole('link').click();
  await expect(page).toHaveURL(new RegExp(`#/incidents/${first.id}$`));
});
