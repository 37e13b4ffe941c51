import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import { buildElectron } from '../../electron/build.js';
import { locateElectron } from '../../electron/launcher/electron-binary.js';
import { startRelayProcess } from '../support/relay-process.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

test('the desktop app opens the console, isolated from Node', async () => {
  const binary = await locateElectron();
  if (!binary.ok) test.skip(true, 'Electron binary not available here (offline install): not run');
  if (!binary.ok) return;

  await buildElectron();
  const relay = await startRelayProcess();
  // A fresh settings folder (electron-store lives under XDG_CONFIG_HOME on Linux).
  const configHome = mkdtempSync(path.join(tmpdir(), 'klaxon-electron-'));
  const app = await electron.launch({
    executablePath: binary.path,
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, KLAXON_RELAY_URL: relay.url, XDG_CONFIG_HOME: configHome },
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByLabel('Relay address')).toHaveValue(relay.url);
    // The page sees the named bridge functions, and nothing of Node.
    const inPage = await page.evaluate(() => {
      const scope = globalThis as { klaxon?: { kind: string }; require?: unknown; process?: unknown };
      return { kind: scope.klaxon?.kind, require: typeof scope.require, process: typeof scope.process };
    });
    expect(inPage).toEqual({ kind: 'electron', require: 'undefined', process: 'undefined' });
    const line = await relay.waitForLine(/^==> username: admin\s+password: (\S+)$/);
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password', { exact: true }).fill(/password: (\S+)$/.exec(line)![1]!);
    await page.getByLabel('Password', { exact: true }).press('Enter');
    await expect(page.getByTestId('connection-state')).toHaveText('Live');
  } finally {
    await app.close();
    await relay.dispose();
    rmSync(configHome, { recursive: true, force: true });
  }
});
