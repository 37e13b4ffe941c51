import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../tests/support/manual-clock.js';
import { createLogger } from './adapters/log/create-logger.js';
import { createStore } from './adapters/store/create-store.js';
import type { Store } from './app/ports/store.js';
import { startRelay, type Relay } from './relay.js';
import { parseSettings } from './settings.js';

let dir: string;
let relay: Relay | undefined;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'klaxon-relay-'));
});
afterEach(async () => {
  await relay?.close();
  relay = undefined;
  await rm(dir, { recursive: true, force: true });
});

function captureLog() {
  let text = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString();
      done();
    },
  });
  return { log: createLogger({ level: 'debug', pretty: false, destination: stream }), text: () => text };
}

const settingsFor = (db: string, extra: string[] = []) =>
  parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', db, ...extra], env: {} });

describe('startRelay', () => {
  it('starts on a free port, prints the admin password only through print, and closes', async () => {
    const printed: string[] = [];
    const capture = captureLog();
    relay = await startRelay(settingsFor(path.join(dir, 'nested', 'klaxon.db')), {
      clock: createManualClock(),
      log: capture.log,
      print: (text) => printed.push(text),
    });
    expect(relay.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(relay.port).toBeGreaterThan(0);
    const password = /password: (\S+)/.exec(printed.join(''))![1]!;

    const login = await fetch(`${relay.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const { token, expiresAt } = (await login.json()) as { token: string; expiresAt: string };
    // The manual clock starts at 2026-11-02T14:00Z; the default token lifetime is 12 h.
    expect(expiresAt).toBe('2026-11-03T02:00:00.000Z');
    await fetch(`${relay.url}/api/v1/me`, { headers: { authorization: `Bearer ${token}` } });

    await relay.close();
    relay = undefined;
    expect(capture.text()).not.toContain(password);
    expect(capture.text()).not.toContain(token);
  });

  it('lets an in-flight request finish before close resolves, and leaves a passed store open', async () => {
    const real = await createStore(path.join(dir, 'klaxon.db'));
    let pingStarted!: () => void;
    const started = new Promise<void>((resolve) => (pingStarted = resolve));
    let releasePing!: () => void;
    // A store whose ping waits until the test lets it answer, standing in for a slow request.
    const slowStore = new Proxy(real, {
      get(target, prop) {
        if (prop === 'ping') {
          return () => {
            pingStarted();
            return new Promise<void>((resolve) => (releasePing = resolve));
          };
        }
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? value.bind(target) : value;
      },
    }) as Store;
    const current = await startRelay(settingsFor(path.join(dir, 'unused.db')), {
      clock: createManualClock(),
      log: captureLog().log,
      store: slowStore,
      print: () => undefined,
    });

    const health = fetch(`${current.url}/health`);
    await started;
    let closed = false;
    const closing = current.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(closed).toBe(false);
    releasePing();
    expect((await health).status).toBe(200);
    await closing;
    await expect(real.countUsers()).resolves.toBe(1);
    await real.close();
  });

  it('disconnects open sockets at close', async () => {
    const printed: string[] = [];
    relay = await startRelay(settingsFor(path.join(dir, 'klaxon.db')), {
      clock: createManualClock(),
      log: captureLog().log,
      print: (text) => printed.push(text),
    });
    const password = /password: (\S+)/.exec(printed.join(''))![1]!;
    const login = await fetch(`${relay.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    const { token } = (await login.json()) as { token: string };
    const socket = connect(`${relay.url}/console`, { auth: { token }, transports: ['websocket'], reconnection: false });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('connect_error', reject);
    });
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    await relay.close();
    relay = undefined;
    expect(await disconnected).toBe('io server disconnect');
  });
});
