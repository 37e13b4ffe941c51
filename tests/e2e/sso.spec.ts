import { expect, test } from '@playwright/test';
import { startTestIssuer, type TestIssuer } from '../support/oidc-issuer.js';
import { freePort, type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

let issuer: TestIssuer | undefined;
let relay: RelayProcess | undefined;

test.afterEach(async () => {
  await relay?.dispose();
  await issuer?.close();
  relay = undefined;
  issuer = undefined;
});

/** Starts the test issuer and a relay that signs in against it. */
async function startPair(options: { ssoOnly: boolean }): Promise<RelayProcess> {
  const port = await freePort();
  const relayUrl = `http://127.0.0.1:${port}`;
  issuer = await startTestIssuer({
    redirectUris: [`${relayUrl}/api/v1/auth/oidc/callback`],
    accounts: [{ sub: 'idp-alice', email: 'alice@contoso.example', name: 'Alice Jones', preferredUsername: 'alice', groups: ['soc-managers'] }],
  });
  const config = writeTestConfig((doc) => {
    doc.auth = {
      oidc: {
        issuer: issuer!.url,
        providerName: 'Contoso ID',
        clientId: issuer!.clientId,
        clientSecretEnv: 'KLAXON_TEST_OIDC_SECRET',
        scopes: ['openid', 'profile', 'email', 'groups'],
        roles: [{ group: 'soc-managers', role: 'ir-manager' }],
        jitUsers: true,
        ssoOnly: options.ssoOnly,
        breakGlassUsers: ['ann'],
      },
    };
  });
  return startRelayProcess({ port, env: { KLAXON_CONFIG: config, KLAXON_TEST_OIDC_SECRET: issuer.clientSecret } });
}

test('signs in through the identity provider and lands on the board with the mapped role', async ({ page }) => {
  relay = await startPair({ ssoOnly: false });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${relay.url}/`);
  const button = page.getByRole('button', { name: 'Sign in with Contoso ID' });
  await expect(button).toBeVisible();
  await expect(page.getByLabel('Username')).toBeVisible();
  await page.screenshot({ path: '/tmp/sso-sign-in-1280.png' });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: '/tmp/sso-sign-in-1920.png' });

  await button.click();
  // The issuer's own (development) pages: log in, then consent.
  await page.locator('input[name="login"]').fill('idp-alice');
  await page.locator('input[name="password"]').fill('anything');
  await page.locator('button[type="submit"]').click();
  await page.getByRole('button', { name: 'Continue' }).click();

  await expect(page.getByTestId('signed-in-user')).toContainText('Alice Jones');
  await expect(page.getByTestId('signed-in-user')).toContainText('IR manager');
  // The one-time code is gone from the address bar.
  expect(page.url()).not.toContain('sso=');
  await page.screenshot({ path: '/tmp/sso-board-1920.png' });
});

test('SSO-only hides the password form until the break-glass link is used', async ({ page }) => {
  relay = await startPair({ ssoOnly: true });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(`${relay.url}/`);
  await expect(page.getByRole('button', { name: 'Sign in with Contoso ID' })).toBeVisible();
  await expect(page.getByLabel('Username')).toHaveCount(0);
  await page.screenshot({ path: '/tmp/sso-only-1280.png' });
  await page.getByTestId('break-glass').click();
  await page.getByLabel('Username').fill('bob');
  await page.getByLabel('Password', { exact: true }).fill('change-me-bob');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByRole('alert')).toContainText('password sign-in is turned off here: sign in with Contoso ID');
  await page.getByLabel('Username').fill('ann');
  await page.getByLabel('Password', { exact: true }).fill('change-me-ann');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('signed-in-user')).toContainText('IR manager');
});
