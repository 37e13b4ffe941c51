import { expect, type Page, test } from '@playwright/test';
import { signIn } from '../support/console-sign-in.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { shootBothSizes } from '../support/screenshots.js';
import { startSlackFake, type SlackFake } from '../support/slack-fake.js';
import { writeTestConfig } from '../support/test-config.js';

const shoot = (page: Page, name: string) => shootBothSizes(page, `slack-${name}`, { fullPage: true });
const TOKENS = { bot: 'xoxb-e2e-bot', app: 'xapp-e2e-app' };

let relay: RelayProcess | undefined;
let fake: SlackFake | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  await fake?.close();
  relay = undefined;
  fake = undefined;
});

test('an admin sees the Slack connection, links their Slack account, and picks Slack in notification rules with a test page', async ({ page }) => {
  fake = await startSlackFake(TOKENS);
  const config = writeTestConfig((doc) => {
    (doc.users ??= []).push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root' });
    doc.slack = { botTokenEnv: 'SLACK_BOT_TOKEN', appTokenEnv: 'SLACK_APP_TOKEN', apiUrl: fake!.apiUrl, channels: { services: { rmm: 'C0NOC' }, teams: { noc: '#noc-alerts' } } };
  });
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: config, SLACK_BOT_TOKEN: TOKENS.bot, SLACK_APP_TOKEN: TOKENS.app }, deadlineMs: 120_000 });
  await fake.connected();
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'root');

  await page.getByTestId('signed-in-user').click();
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  await expect(page.getByTestId('slack-status-state')).toHaveText('Connected');
  await expect(page.getByTestId('slack-status')).toContainText('#noc-alerts');
  await expect(page.getByTestId('slack-link-state')).toHaveText('Not linked');
  await page.getByTestId('slack-link-start').click();
  const command = (await page.getByTestId('slack-link-code').locator('code').textContent())!.trim();
  expect(command).toMatch(/^\/klaxon link [A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await shoot(page, 'link-code');

  const answer = await fake.slashCommand('UROOT', command.replace('/klaxon ', ''));
  expect(String(answer.text)).toContain('Linked');
  await page.getByRole('button', { name: 'I have sent it' }).click();
  await expect(page.getByTestId('slack-link-state')).toHaveText('Linked');
  await expect(page.getByTestId('slack-link')).toContainText('UROOT');
  await shoot(page, 'linked');

  await page.goto(`${relay.url}/#/notifications`);
  await page.getByRole('button', { name: 'Add a rule' }).click();
  const last = page.getByTestId('notify-rule').last().locator('select');
  await last.selectOption('slack');
  await page.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  await expect(page.getByText('Slack direct messages need your Slack account linked')).toBeVisible();
  await page.getByRole('button', { name: 'Send me a test page' }).click();
  await expect(page.getByTestId('test-result').filter({ hasText: 'slack' })).toContainText('sent to you as a Slack direct message');
  expect(fake.messages.some((m) => m.channel === 'DUROOT' && m.text.includes('Test page for Root Admin'))).toBe(true);
  await shoot(page, 'notifications');
});
