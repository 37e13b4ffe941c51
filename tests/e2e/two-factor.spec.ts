import { randomBytes } from 'node:crypto';
import { expect, type Page, test } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { signIn } from '../support/console-sign-in.js';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';
import { shootBothSizes } from '../support/screenshots.js';

/** Screenshots at 1280×800 and 1920×1080 into tests/artifacts, failing on a sideways overflow. */
const shoot = (page: Page, name: string) => shootBothSizes(page, `two-factor-${name}`, { fullPage: true });

let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
});

const codeOf = (secret: string, offset = 0) =>
  new TOTP({ algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) }).generate({ timestamp: Date.now() + offset * 30_000 });

test('a person turns on two-factor sign-in in the console, then signs in with password and code', async ({ page }) => {
  relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_SECRET_KEY: randomBytes(32).toString('hex') } });
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, relay, 'ann');

  await page.getByTestId('signed-in-user').click();
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  await expect(page.getByTestId('two-factor-state')).toHaveText('Off');
  await page.getByTestId('two-factor-start').click();
  await page.getByLabel('Your password, to confirm it is you').fill('change-me-ann');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByAltText('QR code of the authenticator secret')).toBeVisible();
  const secret = (await page.getByTestId('two-factor-secret').textContent())!.trim();
  await shoot(page, 'scan');

  await page.getByTestId('two-factor-code').fill('123');
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('two-factor-error')).toContainText('6-digit code');
  await page.getByTestId('two-factor-code').fill(codeOf(secret));
  await page.getByRole('button', { name: 'Turn on' }).click();
  await expect(page.getByTestId('two-factor-recovery-codes').locator('li')).toHaveCount(10);
  await shoot(page, 'recovery-codes');
  await page.getByRole('button', { name: 'I have saved them' }).click();
  await expect(page.getByTestId('two-factor-state')).toHaveText('On');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByLabel('Username').fill('ann');
  await page.getByLabel('Password', { exact: true }).fill('change-me-ann');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('sign-in-totp')).toBeFocused();
  await expect(page.getByText('Open your authenticator app')).toBeVisible();
  await expect(page.getByTestId('sign-in-error')).toBeHidden();
  await shoot(page, 'sign-in-code');

  await page.getByTestId('sign-in-totp').fill('000000');
  await page.getByTestId('sign-in-totp').press('Enter');
  await expect(page.getByTestId('sign-in-error')).toContainText('not right');
  // The enrolment spent the current step; the next period's code is good (the window takes one either side).
  await page.getByTestId('sign-in-totp').fill(codeOf(secret, 1));
  await page.getByTestId('sign-in-totp').press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
});
