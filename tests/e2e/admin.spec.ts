import { expect, type Page, test } from '@playwright/test';
import type { AdminServiceRow, AdminTeamRow, AdminUserRow } from '../../shared/schemas/admin.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { apiToken, signIn } from '../support/console-sign-in.js';
import { shootBothSizes } from '../support/screenshots.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// The Admin screens (People, Teams, Services, Priority rules) against one real relay whose config
// file declares an admin, Ada, besides the example's people. Each test works on its own objects.

let relay: RelayProcess;

test.beforeAll(async () => {
  const config = writeTestConfig((doc) => {
    doc.users!.push({ id: 'ada', name: 'Ada Admin', email: 'ada@example.com', role: 'admin', password: 'change-me-ada', notify: [{ channel: 'push', after: '0s' }] });
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config } });
});

test.afterAll(async () => {
  await relay?.dispose();
});

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `admin-${name}`, { fullPage: true });

/** Calls the relay's API as `username` (signed in over the API) and answers the status and JSON body. */
async function call(username: string, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const token = await apiToken(relay.url, username);
  const response = await fetch(`${relay.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

async function enqueue(routingKey: string, dedupKey: string, summary: string, severity: string): Promise<number> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: routingKey, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'e2e', severity } }),
  });
  return response.status;
}

async function choose(page: Page, combobox: string, option: string): Promise<void> {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** What the page's clipboard holds (the tests grant clipboard access; the tsconfig of tests has no DOM). */
const clipboard = (page: Page) => page.evaluate('navigator.clipboard.readText()') as Promise<string>;

const ADMIN_LINKS = ['People', 'Teams', 'Services', 'Priority rules'];

test('People: an admin invites a person (one-time password shown once), edits them, and bad input is named', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, relay, 'ada');
  for (const name of ADMIN_LINKS) await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  await page.getByRole('link', { name: 'People', exact: true }).click();
  await expect(page.getByTestId('person-row-bob')).toContainText('Triage analyst');

  // A person of the config file carries the one banner of the config-file rule.
  await page.getByTestId('person-row-bob').getByRole('button', { name: 'Bob Example' }).click();
  await expect(page.getByTestId('config-managed')).toContainText("This person comes from the relay's config file (KLAXON_CONFIG)");
  await expect(page.getByTestId('person-reach')).toContainText('No phones paired.');

  // Invalid input: the relay's message names the field.
  const invite = page.getByRole('form', { name: 'Invite a person' });
  await invite.getByLabel('Id').fill('jo');
  await invite.getByLabel('Name').fill('Jo Example');
  await invite.getByLabel('E-mail').fill('not-an-address');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('invite-error')).toContainText('email:');
  await invite.getByLabel('E-mail').fill('bob@example.com');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('invite-error')).toHaveText('email: bob@example.com is already in use');
  await invite.getByLabel('E-mail').fill('jo@example.com');
  await invite.getByLabel('Time zone (optional)').fill('Mars/Olympus');
  await invite.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByTestId('invite-error')).toHaveText('timeZone: use an IANA time zone such as "Europe/London"');

  // Create: the one-time password is shown once, copies, and signs Jo in.
  await invite.getByLabel('Time zone (optional)').fill('Europe/London');
  await choose(page, 'Role', 'Responder');
  await invite.getByRole('button', { name: 'Invite' }).click();
  const secret = page.getByTestId('one-time-secret');
  const password = (await secret.textContent())!.trim();
  expect(password.length).toBeGreaterThanOrEqual(12);
  await page.getByRole('dialog').getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(page.getByRole('dialog').getByRole('status')).toHaveText('Copied to the clipboard');
  expect(await clipboard(page)).toBe(password);
  await shoot(page, 'people-password');
  await page.getByTestId('one-time-done').click();
  await expect(secret).toHaveCount(0);
  const login = await fetch(`${relay.url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'jo', password }) });
  expect(login.status).toBe(200);
  await expect(page.getByTestId('person-row-jo')).toContainText('Responder');
  await expect(page.getByTestId('config-managed')).toHaveCount(0);

  // Edit: profile (bad time zone first), role, deactivate, reset password.
  const profile = page.getByRole('form', { name: 'Profile' });
  await profile.getByLabel('Name').fill('Jo Ward');
  await profile.getByLabel("Time zone (empty: the team's)").fill('Nowhere');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByTestId('profile-error')).toHaveText('timeZone: use an IANA time zone such as "Europe/London"');
  await profile.getByLabel("Time zone (empty: the team's)").fill('');
  await profile.getByRole('button', { name: 'Save profile' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText("Saved Jo Ward's profile.");
  await expect(page.getByTestId('profile-error')).toHaveCount(0);

  await choose(page, "Person's role", 'Triage analyst');
  await page.getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Jo Ward is now Triage analyst.');
  await expect(page.getByTestId('person-row-jo')).toContainText('Triage analyst');

  await page.getByRole('button', { name: 'Reset password' }).click();
  const reset = (await page.getByTestId('one-time-secret').textContent())!.trim();
  expect(reset).not.toBe(password);
  await page.getByTestId('one-time-done').click();

  await page.getByRole('button', { name: 'Deactivate' }).click();
  await expect(page.getByTestId('person-row-jo')).toContainText('Deactivated');
  await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();

  const users = (await call('ada', 'GET', '/api/v1/admin/users')).body as { users: AdminUserRow[] };
  const jo = users.users.find((u) => u.user.id === 'jo')!;
  expect(jo).toMatchObject({ active: false, user: { name: 'Jo Ward', role: 'triage-analyst' } });
  expect(jo.user.timeZone).toBeUndefined();
  await shoot(page, 'people');
});

test('Teams: an admin creates a team with business hours and holidays, edits a file team, and bad input is named', async ({ page }) => {
  await signIn(page, relay, 'ada');
  await page.getByRole('link', { name: 'Teams', exact: true }).click();
  await expect(page.getByTestId('config-managed')).toContainText("This team comes from the relay's config file (KLAXON_CONFIG)");

  await page.getByRole('button', { name: 'New team' }).click();
  const form = page.getByRole('form', { name: 'New team' });
  await form.getByLabel('Team id').fill('soc');
  await form.getByLabel('Team name').fill('Security Operations');
  await form.getByLabel('Time zone').fill('Atlantis/Capital');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByTestId('team-error')).toHaveText('timeZone: use an IANA time zone such as "Europe/London"');

  await form.getByLabel('Time zone').fill('Europe/London');
  await form.getByLabel('Opens at').fill('8am');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByTestId('team-error')).toHaveText('businessHours.start: use HH:MM, 00:00 to 24:00');

  await form.getByLabel('Opens at').fill('08:00');
  await form.getByLabel('Closes at').fill('18:30');
  await form.getByLabel('Fri').uncheck();
  await form.getByLabel('Holidays (YYYY-MM-DD, one per line)').fill('25/12/2026');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByTestId('team-error')).toHaveText('holidays.0: use YYYY-MM-DD');

  await form.getByLabel('Holidays (YYYY-MM-DD, one per line)').fill('2026-12-25\n2026-12-26');
  await form.getByRole('button', { name: 'Create team' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Saved "Security Operations".');
  await expect(page.getByRole('button', { name: /Security Operations/ })).toHaveAttribute('aria-current', 'true');
  await expect(page.getByTestId('config-managed')).toHaveCount(0);

  // Edit the config file's team: the banner turns to "edited".
  await page.getByRole('button', { name: /Network Operations/ }).click();
  const noc = page.getByRole('form', { name: 'Team' });
  await noc.getByLabel('Team name').fill('NOC');
  await noc.getByRole('button', { name: 'Save team' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Saved "NOC".');
  await expect(page.getByTestId('config-managed')).toContainText("Edited here, over the config file's version.");

  const teams = ((await call('ada', 'GET', '/api/v1/admin/teams')).body as { teams: AdminTeamRow[] }).teams;
  expect(teams.find((t) => t.id === 'soc')).toMatchObject({
    name: 'Security Operations',
    timeZone: 'Europe/London',
    businessHours: { days: ['mon', 'tue', 'wed', 'thu'], start: '08:00', end: '18:30' },
    holidays: ['2026-12-25', '2026-12-26'],
    configSource: 'console',
  });
  expect(teams.find((t) => t.id === 'noc')).toMatchObject({ name: 'NOC', configSource: 'edited' });
  await shoot(page, 'teams');
});

test('Services: endpoints copy, a key rotates after asking, a new service gets an integration and a test alert; bad input is named', async ({ page }) => {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await signIn(page, relay, 'ada');
  await page.getByRole('link', { name: 'Services', exact: true }).click();
  await page.getByRole('button', { name: /RMM alerts/ }).click();
  await expect(page.getByTestId('config-managed')).toContainText("This service comes from the relay's config file (KLAXON_CONFIG)");

  // The endpoint URL with {key} where the key goes, and its copy button.
  const eventsV2 = page.getByTestId('integration-events-v2');
  await expect(eventsV2).toContainText(`${relay.url}/v2/enqueue (routing_key: {key})`);
  await page.getByRole('button', { name: 'Copy the alertmanager endpoint' }).click();
  expect(await clipboard(page)).toBe(`${relay.url}/integrations/alertmanager/{key}`);

  // Rotate: asked first; cancelling keeps the key.
  await eventsV2.getByRole('button', { name: 'Rotate the events-v2 key' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();
  expect(await enqueue(KEYS.eventsV2, 'e2e-admin-before', 'Before rotation', 'info')).toBe(202);
  await eventsV2.getByRole('button', { name: 'Rotate the events-v2 key' }).click();
  await page.getByTestId('rotate-confirm').click();
  const key = (await page.getByTestId('one-time-secret').textContent())!.trim();
  await expect(page.getByTestId('one-time-endpoint')).toHaveText(`${relay.url}/v2/enqueue (routing_key: ${key})`);
  await page.getByTestId('one-time-done').click();
  expect(await enqueue(KEYS.eventsV2, 'e2e-admin-old', 'Old key', 'info')).toBe(400);
  expect(await enqueue(key, 'e2e-admin-new', 'New key', 'info')).toBe(202);

  // Edit a file service: the banner turns to "edited".
  const rmm = page.getByRole('form', { name: 'Service' });
  await rmm.getByLabel('Service name').fill('RMM');
  await rmm.getByRole('button', { name: 'Save service' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Saved "RMM".');
  await expect(page.getByTestId('config-managed')).toContainText("Edited here, over the config file's version.");

  // A new service: a bad id is named, then created; a test alert needs an integration first.
  await page.getByRole('button', { name: 'New service' }).click();
  const form = page.getByRole('form', { name: 'New service' });
  await form.getByLabel('Service id').fill('Web Shop');
  await form.getByLabel('Service name').fill('Web shop');
  await form.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByTestId('service-error')).toHaveText('id: use 1–64 lower-case letters, digits, ".", "_" or "-"');
  await form.getByLabel('Service id').fill('web');
  await form.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Saved "Web shop".');
  await expect(page.getByRole('button', { name: /Web shop/ })).toHaveAttribute('aria-current', 'true');

  await page.getByRole('button', { name: 'Send test alert' }).click();
  await expect(page.getByTestId('test-alert-error')).toHaveText('integrations: add an integration before sending a test alert');

  await choose(page, 'Integration type', 'webhook');
  await page.getByRole('button', { name: 'Add integration' }).click();
  const webhookKey = (await page.getByTestId('one-time-secret').textContent())!.trim();
  await expect(page.getByTestId('one-time-endpoint')).toHaveText(`${relay.url}/integrations/webhook/${webhookKey}`);
  await shoot(page, 'services-key');
  await page.getByTestId('one-time-done').click();
  await expect(page.getByTestId('integration-webhook')).toContainText(`${relay.url}/integrations/webhook/{key}`);
  await expect(page.getByTestId('test-alert-error')).toHaveCount(0);

  await page.getByLabel('Summary (optional)').fill('Admin screen test');
  await choose(page, 'Severity', 'critical');
  await page.getByRole('button', { name: 'Send test alert' }).click();
  await expect(page.getByTestId('test-alert-result')).toHaveText('Test alert opened: open the incident');
  await page.getByTestId('test-alert-result').getByRole('link', { name: 'open the incident' }).click();
  await expect(page.getByTestId('incident-summary')).toHaveText('Admin screen test');

  const services = ((await call('ada', 'GET', '/api/v1/admin/services')).body as { services: AdminServiceRow[] }).services;
  expect(services.find((s) => s.id === 'web')).toMatchObject({ name: 'Web shop', team: 'noc', policy: 'noc-default', configSource: 'console', integrations: [{ type: 'webhook' }] });
  expect(services.find((s) => s.id === 'rmm')).toMatchObject({ name: 'RMM', configSource: 'edited' });
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Services' })).toBeVisible();
  await shoot(page, 'services');
});

test('Priority rules: the preview follows the draft live against recent alerts; a bad pattern is named; saving keeps the rules', async ({ page }) => {
  expect(await enqueue(KEYS.eventsV2Other, 'e2e-rules-disk', 'Disk full on db1', 'critical')).toBe(202);
  expect(await enqueue(KEYS.eventsV2Other, 'e2e-rules-slow', 'Slow query on db2', 'warning')).toBe(202);
  await signIn(page, relay, 'ada');
  await page.getByRole('link', { name: 'Priority rules', exact: true }).click();
  await choose(page, 'Service', 'Databases');
  await expect(page.getByTestId('config-managed')).toContainText("This set of priority rules comes from the relay's config file (KLAXON_CONFIG)");

  // The file's one rule (everything high) changes nothing.
  const preview = page.getByTestId('rules-preview');
  await expect(page.getByTestId('rules-preview-changed')).toHaveText('0 of 2 recent incidents would change priority.');
  await expect(preview.getByRole('row', { name: /Disk full on db1/ })).toContainText('rule 1');

  // Rule 1 only for disk alerts; rule 2 makes the rest low: the preview follows.
  await page.getByLabel('Rule 1 summary pattern').fill('(?i)disk');
  await page.getByRole('button', { name: 'Add rule' }).click();
  await choose(page, 'Rule 2 priority', 'low');
  await expect(page.getByTestId('rules-preview-changed')).toHaveText('1 of 2 recent incidents would change priority.');
  await expect(preview.getByRole('row', { name: /Slow query on db2/ })).toHaveText(/Slow query on db2\s*warning\s*high\s*low\s*rule 2/);
  await expect(preview.getByRole('row', { name: /Disk full on db1/ })).toHaveText(/Disk full on db1\s*critical\s*high\s*high\s*rule 1/);

  // A bad pattern is named by the shared schema and marked on its rule; fixing it clears the message.
  await page.getByLabel('Rule 1 summary pattern').fill('(disk');
  await expect(page.getByTestId('rules-error')).toHaveText('rules.0.when.summary: not a valid regular expression');
  await expect(page.getByLabel('Rule 1 summary pattern')).toHaveClass(/p-invalid/);
  await expect(preview).toContainText('Fix the rule the relay refused to see the preview.');
  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByTestId('rules-error')).toHaveText('rules.0.when.summary: not a valid regular expression');
  await page.getByLabel('Rule 1 summary pattern').fill('(?i)disk');
  await expect(page.getByTestId('rules-error')).toHaveCount(0);
  await expect(page.getByTestId('rules-preview-changed')).toHaveText('1 of 2 recent incidents would change priority.');

  await page.getByRole('button', { name: 'Save rules' }).click();
  await expect(page.getByTestId('admin-notice')).toHaveText('Saved 2 rules for Databases.');
  await expect(page.getByTestId('config-managed')).toContainText("Edited here, over the config file's version. Kept across restarts until the file's entry for this set of priority rules changes");
  const db = ((await call('ada', 'GET', '/api/v1/admin/services')).body as { services: AdminServiceRow[] }).services.find((s) => s.id === 'db')!;
  expect(db.priorityRules).toEqual([{ when: { summary: '(?i)disk' }, priority: 'high' }, { priority: 'low' }]);
  expect(db.rulesSource).toBe('edited');
  await shoot(page, 'priority-rules');
});

test('a responder and an IR manager see no Admin screens, cannot open them, and the relay refuses their admin calls', async ({ page }) => {
  await signIn(page, relay, 'dan');
  await expect(page.getByRole('link', { name: 'Board', exact: true })).toBeVisible();
  for (const name of ADMIN_LINKS) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);

  // A typed address: the router sends the responder to the board.
  await page.evaluate("window.location.hash = '#/admin/people'");
  await expect(page).toHaveURL(/#\/$/);
  await expect(page.getByRole('heading', { name: 'People' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Invite a person' })).toHaveCount(0);

  // Loaded afresh on the address (the tab resumes the session after the router has let it through):
  // the page itself refuses.
  await page.evaluate("history.replaceState(null, '', '#/admin/services'); window.location.reload()");
  await expect(page.getByTestId('admin-refused')).toHaveText('Only admins can open the admin screens.');
  await expect(page.getByRole('heading', { name: 'Services' })).toHaveCount(0);
  await expect(page.getByRole('form', { name: 'Service' })).toHaveCount(0);

  // The real transport refuses them whatever the console shows.
  for (const username of ['dan', 'ann']) {
    expect((await call(username, 'GET', '/api/v1/admin/users')).status).toBe(403);
    expect((await call(username, 'POST', '/api/v1/users', { id: 'eve', name: 'Eve', email: 'eve@example.com', role: 'admin' })).status).toBe(403);
    expect((await call(username, 'PUT', '/api/v1/teams/noc', { name: 'Mine', timeZone: 'UTC', businessHours: { days: ['mon'], start: '09:00', end: '17:00' } })).status).toBe(403);
    expect((await call(username, 'POST', '/api/v1/services/db/priority-rules/preview', { rules: [] })).status).toBe(403);
  }
  const refused = await call('dan', 'GET', '/api/v1/admin/services');
  expect(refused.body).toEqual({ error: 'this needs the role admin; you are responder' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await signIn(page, relay, 'ann');
  for (const name of ADMIN_LINKS) await expect(page.getByRole('link', { name, exact: true })).toHaveCount(0);
});
