import { expect, type Page, test } from '@playwright/test';
import type { Incident } from '../../shared/schemas/incident.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { shootBothSizes } from '../support/screenshots.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTeamsFake, type TeamsFake } from '../support/teams-fake.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `status-updates-${name}`, { fullPage: true });

let relay: RelayProcess | undefined;
let smtp: SmtpSink | undefined;
let teams: TeamsFake | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  await smtp?.close();
  await teams?.close();
  relay = undefined;
  smtp = undefined;
  teams = undefined;
});

async function trigger(url: string, dedupKey: string, summary: string): Promise<string> {
  const sent = await fetch(`${url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'mx1', severity: 'critical' } }),
  });
  expect(sent.status).toBe(202);
  const token = await apiToken(url, 'ann');
  const { incidents } = (await (await fetch(`${url}/api/v1/incidents`, { headers: { authorization: `Bearer ${token}` } })).json()) as { incidents: Incident[] };
  return incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

test('a manager adds a stakeholder, edits a template and posts a status update from the incident; others may not', async ({ page, browser }) => {
  test.setTimeout(240_000);
  smtp = await startSmtpSink();
  teams = await startTeamsFake();
  const config = writeTestConfig((doc) => {
    (doc as { microsoftTeams?: unknown }).microsoftTeams = { channels: [{ id: 'noc', webhookUrlEnv: 'TEAMS_NOC', services: ['rmm'] }] };
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url, KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32', TEAMS_NOC: teams.webhook('noc') } });
  const url = relay.url;
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');

  // Stakeholders: a bad address is refused by the relay naming the field; a good one is listed.
  await page.getByRole('link', { name: 'Stakeholders' }).click();
  const subscribers = page.getByTestId('status-subscribers');
  await expect(subscribers).toContainText('Nobody gets status updates yet.');
  const form = page.getByRole('form', { name: 'Add a subscriber' });
  await form.getByLabel('Name').fill('Pat Acme');
  await form.getByLabel('E-mail').fill('pat-at-acme');
  await form.locator('.p-select').click();
  await page.getByRole('option', { name: 'Service · RMM alerts' }).click();
  await form.getByRole('button', { name: 'Add subscriber' }).click();
  await expect(page.getByTestId('subscriber-error')).toContainText('email');
  await form.getByLabel('E-mail').fill('pat@acme.example');
  await form.getByRole('button', { name: 'Add subscriber' }).click();
  await expect(page.getByTestId('status-subscriber')).toHaveCount(1);
  await expect(page.getByTestId('status-subscriber')).toContainText('service RMM alerts');
  await expect(page.getByTestId('subscriber-error')).toHaveCount(0);

  const identified = page.getByTestId('status-template-identified');
  await expect(identified).toContainText('default words');
  await identified.getByLabel('Subject').fill('Update on {{summary}} ({{stage}})');
  await identified.getByLabel('Body').fill('Dear customer,\n\n{{message}}');
  await identified.getByRole('button', { name: 'Save identified' }).click();
  await expect(identified).toContainText('changed by Ann Example');
  await page.getByRole('heading', { name: 'Stakeholders' }).scrollIntoViewIfNeeded();
  await shoot(page, 'stakeholders');

  // The incident: post an update; the preview shows the edited template filled in.
  const id = await trigger(url, 'status-e2e-1', 'Mail relay queueing');
  await page.goto(`${url}/#/incidents/${encodeURIComponent(id)}`);
  await page.getByRole('button', { name: 'Post status update' }).click();
  const dialog = page.getByTestId('status-dialog');
  await expect(dialog.getByTestId('status-reach')).toContainText('Goes to 1 address by e-mail and 1 Teams channel.');
  await dialog.getByRole('button', { name: 'Identified' }).click();
  await expect(dialog.getByRole('button', { name: 'Post update' })).toBeDisabled();

  // Too long for the relay: refused, naming the field, and nothing is posted.
  await dialog.getByLabel('What stakeholders should know').fill('x'.repeat(4001));
  await dialog.getByRole('button', { name: 'Post update' }).click();
  await expect(dialog.getByTestId('status-refusal')).toContainText('message:');

  await dialog.getByLabel('What stakeholders should know').fill('The queue drains by 10:00.');
  // The refusal was about the earlier words: it goes once they change.
  await expect(dialog.getByTestId('status-refusal')).toHaveCount(0);
  await expect(dialog.getByTestId('status-preview')).toContainText('Update on Mail relay queueing (identified)');
  await expect(dialog.getByTestId('status-preview')).toContainText('Dear customer,');
  await shoot(page, 'dialog');
  await dialog.getByRole('button', { name: 'Post update' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('status-notice')).toContainText('posted to 1 address and 1 Teams channel');

  const timeline = page.getByTestId('timeline');
  await expect(timeline.locator('[data-type="status.posted"]')).toContainText('Status update (identified) to 1 address, 1 Teams channel: The queue drains by 10:00.');
  await expect(timeline.locator('[data-type="status.sent"]')).toContainText('sent to 1 address, 1 Teams channel');
  const mail = await smtp.waitFor((m) => m.to.includes('pat@acme.example'), 20_000);
  expect(mail.subject).toBe('Update on Mail relay queueing (identified)');
  expect(mail.text).toContain('The queue drains by 10:00.');
  await teams.waitFor((p) => p.text.includes('Dear customer'), 20_000);
  await timeline.locator('[data-type="status.sent"]').scrollIntoViewIfNeeded();
  await shoot(page, 'timeline');

  // A confidential incident: nothing can be posted without the explicit choice.
  const secret = await trigger(url, 'status-e2e-2', 'Data exfiltration suspected on fs9');
  const token = await apiToken(url, 'ann');
  const marked = await fetch(`${url}/api/v1/incidents/${secret}/confidential`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ confidential: true }),
  });
  expect(marked.status).toBe(200);
  await page.goto(`${url}/#/incidents/${encodeURIComponent(secret)}`);
  await page.getByRole('button', { name: 'Post status update' }).click();
  await dialog.getByLabel('What stakeholders should know').fill('We are looking into it.');
  await expect(dialog.getByRole('button', { name: 'Post update' })).toBeDisabled();
  // The preview is there (with the message), and without the summary.
  await expect(dialog.getByTestId('status-preview')).toContainText('We are looking into it.');
  await expect(dialog.getByTestId('status-preview')).not.toContainText('exfiltration');
  await dialog.getByRole('checkbox').check();
  await dialog.getByRole('button', { name: 'Post update' }).click();
  await expect(dialog).toBeHidden();
  const confidentialMail = await smtp.waitFor((m) => m.text.includes('We are looking into it.'), 20_000);
  expect(`${confidentialMail.subject} ${confidentialMail.text}`).not.toContain('exfiltration');

  // A triage analyst sees the updates on the timeline but has no button, and no Stakeholders page.
  const bob = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await signIn(bob, url, 'bob');
  await bob.goto(`${url}/#/incidents/${encodeURIComponent(id)}`);
  await expect(bob.getByTestId('timeline').locator('[data-type="status.posted"]')).toBeVisible();
  await expect(bob.getByRole('button', { name: 'Post status update' })).toHaveCount(0);
  await bob.getByRole('link', { name: 'Stakeholders' }).click();
  await expect(bob.getByTestId('stakeholders-denied')).toBeVisible();
  const bobToken = await apiToken(url, 'bob');
  const refused = await fetch(`${url}/api/v1/incidents/${id}/status-updates`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bobToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ stage: 'monitoring', message: 'Trying anyway' }),
  });
  expect(refused.status).toBe(403);
  await bob.close();
});
