import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';
import { signIn } from '../support/console-sign-in.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

let relay: RelayProcess | undefined;
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

async function api(url: string, username: string, pathName: string, body?: unknown): Promise<unknown> {
  const login = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: `change-me-${username}` }),
  });
  const { token } = (await login.json()) as { token: string };
  const response = await fetch(`${url}${pathName}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok).toBe(true);
  return response.json();
}

test('a manager keeps the need-to-know list on the detail page; people off the list see only that it exists', async ({ browser }) => {
  test.setTimeout(300_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const url = relay.url;
  const enqueue = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      routing_key: KEYS.eventsV2,
      event_action: 'trigger',
      dedup_key: 'breach-1',
      payload: { summary: 'Mailbox of the CFO forwarding to an outside address', source: 'm365', severity: 'critical' },
    }),
  });
  expect(enqueue.status).toBe(202);
  const { incidents } = (await api(url, 'ann', '/api/v1/incidents')) as { incidents: Incident[] };
  const id = incidents.find((i) => i.dedupKey === 'breach-1')!.id;
  await api(url, 'ann', `/api/v1/incidents/${id}/confidential`, { confidential: true });

  const manager = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(manager, url, 'ann');
  await manager.goto(`${url}/#/incidents/${encodeURIComponent(id)}`);
  const panel = manager.locator('section.need-to-know');
  await expect(panel).toContainText('Nobody else is on the list.');
  await expect(manager.getByRole('button', { name: 'Lift need-to-know' })).toBeVisible();
  await panel.getByRole('button', { name: 'Add a person' }).click();
  await manager.getByPlaceholder('Type a name or role, Enter to choose').fill('bob');
  await manager.getByPlaceholder('Type a name or role, Enter to choose').press('Enter');
  await expect(panel.locator('li')).toHaveText([/Bob Example\s*triage-analyst/]);
  await expect(manager.getByTestId('timeline').locator('[data-type="need-to-know.changed"]')).toContainText('added Bob Example');
  await manager.screenshot({ path: path.join(ARTIFACTS, 'need-to-know-1280.png') });
  await manager.setViewportSize({ width: 1920, height: 1080 });
  await manager.screenshot({ path: path.join(ARTIFACTS, 'need-to-know-1920.png') });

  // Bob, now on the list, reads it all; Dan sees that it exists and nothing more.
  const bob = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(bob, url, 'bob');
  await bob.goto(`${url}/#/incidents/${encodeURIComponent(id)}`);
  await expect(bob.getByTestId('incident-summary')).toHaveText('Mailbox of the CFO forwarding to an outside address');
  await expect(bob.locator('section.need-to-know').getByRole('button', { name: 'Add a person' })).toHaveCount(0);

  const dan = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(dan, url, 'dan');
  await expect(dan.getByTestId('board-row')).toHaveCount(1);
  await expect(dan.getByTestId('board-row')).not.toContainText('CFO');
  await dan.goto(`${url}/#/incidents/${encodeURIComponent(id)}`);
  await expect(dan.getByRole('heading', { name: 'Need to know' })).toBeVisible();
  await expect(dan.locator('body')).not.toContainText('CFO');
  await expect(dan.getByRole('button', { name: 'Lift need-to-know' })).toHaveCount(0);
  await dan.screenshot({ path: path.join(ARTIFACTS, 'need-to-know-redacted.png') });

  // Taking Bob off closes it to him again: his open detail is redrawn without it.
  await manager.locator('section.need-to-know').getByRole('button', { name: 'Take Bob Example off the list' }).click();
  await expect(manager.locator('section.need-to-know')).toContainText('Nobody else is on the list.');
  await bob.goto(`${url}/#/`);
  await expect(bob.getByTestId('board-row')).not.toContainText('CFO');
});
