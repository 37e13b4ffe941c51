import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createStore } from '../../server/adapters/store/create-store.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';

const EXAMPLE = fileURLToPath(new URL('../../shared/config/klaxon.example.yaml', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-startup-'));
const relays: RelayProcess[] = [];

afterAll(async () => {
  await Promise.all(relays.map((relay) => relay.dispose()));
  rmSync(dir, { recursive: true, force: true });
});

async function start(...args: Parameters<typeof startRelayProcess>): Promise<RelayProcess> {
  const relay = await startRelayProcess(...args);
  relays.push(relay);
  return relay;
}

async function signIn(relay: RelayProcess, username: string, password: string): Promise<number> {
  const response = await fetch(`${relay.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

describe('relay start-up', () => {
  it('exits 1 naming the setting when a setting is wrong', async () => {
    const relay = await start({ env: { KLAXON_PORT: 'abc' }, waitForHealth: false });
    expect((await relay.waitForExit()).code).toBe(1);
    expect(relay.stderr.filter(Boolean)).toEqual(['klaxon: KLAXON_PORT: expected an integer from 0 to 65535, got "abc"']);
  });

  it('exits 1 naming an unknown flag', async () => {
    const relay = await start({ args: ['--prot', '8080'], waitForHealth: false });
    expect((await relay.waitForExit()).code).toBe(1);
    expect(relay.stderr.join('\n')).toMatch(/--prot/);
  });

  it('exits 1 listing every wrong field of a bad config file, and writes no user', async () => {
    const file = path.join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'version: 1',
        'users:',
        '  - { id: ann, name: Ann, email: ann-at-example, role: boss, password: change-me-ann }',
        '  - { id: bob, name: Bob, email: bob@example.com, role: responder, password: short }',
      ].join('\n'),
    );
    const relay = await start({ env: { KLAXON_CONFIG: file }, waitForHealth: false });
    expect((await relay.waitForExit()).code).toBe(1);
    const stderr = relay.stderr.join('\n');
    expect(stderr).toContain(file);
    expect(stderr).toMatch(/users\.0\.email: /);
    expect(stderr).toMatch(/users\.0\.role: /);
    expect(stderr).toMatch(/users\.1\.password: /);
    expect(relay.stdout.join('\n')).not.toContain('password:');

    const store = await createStore(relay.dbPath);
    try {
      expect(await store.countUsers()).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('starts with the example config applied and no admin banner', async () => {
    const relay = await start({ env: { KLAXON_CONFIG: EXAMPLE } });
    expect(relay.stdout.some((line) => line.startsWith('==> '))).toBe(false);
    expect(relay.stdout.some((line) => line.includes('"msg":"config applied"'))).toBe(true);
    expect(await signIn(relay, 'ann', 'change-me-ann')).toBe(200);
    expect(await signIn(relay, 'bob@example.com', 'change-me-bob')).toBe(200);
    expect(await signIn(relay, 'admin', 'anything-at-all')).toBe(401);
    expect((await relay.stop('SIGINT')).code).toBe(0);
  });

  it('prints the admin password on the first start only', async () => {
    const dataDir = mkdtempSync(path.join(dir, 'data-'));
    const first = await start({ dataDir });
    const password = /password: (\S+)/.exec(await first.waitForLine(/password: /))![1]!;
    expect((await first.stop()).code).toBe(0);

    const second = await start({ dataDir });
    expect(second.stdout.some((line) => line.includes('password'))).toBe(false);
    expect(await signIn(second, 'admin', password)).toBe(200);
    console.info(`relay restart on an existing database to /health 200: ${second.startupMs} ms`);
  });

  it('applies the demo team with KLAXON_DEMO=1', async () => {
    const relay = await start({ args: ['--demo'] });
    expect(relay.stdout.some((line) => line.includes('"msg":"demo team applied"'))).toBe(true);
    expect(await signIn(relay, 'cara', 'change-me-cara')).toBe(200);
  });
});
