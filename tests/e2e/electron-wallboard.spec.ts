import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { buildElectron } from '../../electron/build.js';
import { locateElectron } from '../../electron/launcher/electron-binary.js';
import { startRelayProcess } from '../support/relay-process.js';
import { writeTestConfig } from '../support/test-config.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the desktop app puts a wallboard on a display in its own window, from a manager\'s link', async () => {
  const binary = await locateElectron();
  if (!binary.ok) test.skip(true, 'Electron binary not available here (offline install): not run');
  if (!binary.ok) return;

  await buildElectron();
  const relay = await startRelayProcess({ env: { KLAXON_CONFIG: writeTestConfig() } });
  const configHome = mkdtempSync(path.join(tmpdir(), 'klaxon-electron-'));
  const login = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'ann', password: 'change-me-ann' }),
  });
  const { token } = (await login.json()) as { token: string };
  const created = await fetch(`${relay.url}/api/v1/wallboard-tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'Desk test' }),
  });
  const { token: wallToken } = (await created.json()) as { token: string };
  const app = await electron.launch({
    executablePath: binary.path,
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, KLAXON_RELAY_URL: relay.url, XDG_CONFIG_HOME: configHome },
  });
  try {
    const page = await app.firstWindow();
    const displays = await page.evaluate(() => (globalThis as { klaxon?: { listDisplays?: () => Promise<unknown[]> } }).klaxon!.listDisplays!());
    expect(displays.length).toBeGreaterThan(0);
    const opened = app.waitForEvent('window');
    await page.evaluate(
      (link) => (globalThis as { klaxon?: { openWallboard?: (r: unknown) => Promise<void> } }).klaxon!.openWallboard!({ link, kiosk: false }),
      `${relay.url}/wallboard#token=${wallToken}`,
    );
    const wall = await opened;
    expect(wall.url()).toMatch(/^app:\/\/console\/wallboard\.html#/);
    await expect(wall.getByTestId('wallboard-status')).toHaveText(/^Live · updated/);
    // The wallboard window has no bridge: it only reads statistics.
    expect(await wall.evaluate(() => typeof (globalThis as { klaxon?: unknown }).klaxon)).toBe('undefined');
  } finally {
    await app.close();
    await relay.dispose();
    rmSync(configHome, { recursive: true, force: true });
  }
});
