import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { devices } from '@playwright/test';
import { type RelayProcess, startRelayProcess } from '../support/relay-process.js';
import { makeSelfSigned } from '../support/self-signed.js';
import { writeTestConfig } from '../support/test-config.js';
import { expect, test } from './csp-watch.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const ARTIFACTS = path.join(ROOT, 'tests', 'artifacts');

let relay: RelayProcess | undefined;
let dir: string | undefined;
let base = '';

// The certificate is self-signed for 127.0.0.1, which the browser cannot trust; the test is about
// the relay serving HTTPS and WSS itself, not about the certificate's issuer.
test.use({ ignoreHTTPSErrors: true });

test.beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'klaxon-tls-e2e-'));
  const cert = makeSelfSigned(dir, 'relay');
  relay = await startRelayProcess({
    waitForHealth: false,
    env: { KLAXON_CONFIG: writeTestConfig(), KLAXON_TLS_CERT: cert.certPath, KLAXON_TLS_KEY: cert.keyPath },
  });
  base = (JSON.parse(await relay.waitForLine(/relay listening/, 45_000)) as { url: string }).url;
});
test.afterEach(async () => {
  await relay?.dispose();
  relay = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

test('the console signs in and goes live over HTTPS and WSS, with HSTS', async ({ page }) => {
  expect(base).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  const response = await page.goto(`${base}/`);
  expect(response?.headers()['strict-transport-security']).toBe('max-age=31536000');
  await expect(page.getByLabel('Relay address')).toHaveValue(base);
  await page.getByLabel('Username').fill('ann');
  await page.getByLabel('Password', { exact: true }).fill('change-me-ann');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('connection-state')).toHaveText('Live');
  mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'console-over-https.png') });
});

test('the phone app signs in with a password and goes live over HTTPS and WSS', async ({ browser }) => {
  const phoneContext = await browser.newContext({ ...devices['Pixel 7'], ignoreHTTPSErrors: true });
  try {
    const phone = await phoneContext.newPage();
    await phone.goto(`${base}/m/`);
    await phone.getByRole('button', { name: 'Sign in with a password instead' }).click();
    await phone.getByLabel('Username').fill('bob');
    await phone.getByLabel('Password').fill('change-me-bob');
    await phone.getByLabel("This phone's name").fill('Bob over TLS');
    await phone.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(phone.getByTestId('link-state')).toHaveText('Live');
    await expect(phone.getByTestId('signed-in-as')).not.toBeEmpty();
    await phone.screenshot({ path: path.join(ARTIFACTS, 'phone-over-https.png') });
  } finally {
    await phoneContext.close();
  }
});
