import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import { createSilentLogger } from '../../server/adapters/log/create-logger.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { createManualClock, type ManualClock } from './manual-clock.js';
import { connectPhone, login, type TestPhone } from './phone.js';
import { createTestDatabase } from './postgres.js';
import { KEYS, writeTestConfig } from './test-config.js';

/** An HTTP answer with its parsed JSON body (loosely typed; tests check it field by field). */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: Record<string, any>;
}

/** A relay started in this process on a manual clock, with a real database file and real sockets. */
export interface PagingRelay {
  relay: Relay;
  clock: ManualClock;
  /** Calls the API as `username` (password `change-me-<username>`). */
  api(username: string, pathname: string, body?: unknown): Promise<Answer>;
  /** Pairs a phone for `username` (a device token, as the phone app gets it) and connects it. */
  pairPhone(username: string): Promise<TestPhone>;
  /** Pairs a phone for `username` and returns its device token, without connecting it. */
  pairDevice(username: string): Promise<string>;
  /** Connects a phone with a device token from `pairDevice`. */
  connect(deviceToken: string): Promise<TestPhone>;
  /** Sends one alert to the example Events v2 integration and returns the incident. */
  trigger(dedupKey: string, severity?: string): Promise<Incident>;
  /** The incident, its timeline and pages, as the detail page reads them. */
  detail(id: string): Promise<{ incident: Incident; timeline: TimelineEvent[]; pages: Page[] }>;
  /** Polls the relay until `check` returns something (no fixed sleep); fails after `timeoutMs`. */
  until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts a relay for paging tests on SQLite (a temp file) or, with `pgServerUrl`, on a throw-away
 * PostgreSQL database, with the test config edited by `edit` and a manual clock at `start`.
 */
export async function startPagingRelay(options: { start: Date; edit: (doc: ConfigInput) => void; pgServerUrl?: string }): Promise<PagingRelay> {
  const dir = mkdtempSync(path.join(tmpdir(), 'klaxon-paging-'));
  const pg = options.pgServerUrl ? await createTestDatabase(options.pgServerUrl) : undefined;
  const db = pg?.url ?? path.join(dir, 'klaxon.db');
  const clock = createManualClock(options.start);
  const config = writeTestConfig(options.edit);
  const relay = await startRelay(parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', db, '--config', config], env: {} }), {
    clock,
    log: createSilentLogger(),
  });
  const tokens = new Map<string, string>();
  const tokenOf = async (username: string) => {
    if (!tokens.has(username)) tokens.set(username, await login(relay.url, username, `change-me-${username}`));
    return tokens.get(username)!;
  };
  const phones: TestPhone[] = [];
  const call = async (token: string | undefined, pathname: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${relay.url}${pathname}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? (JSON.parse(text) as Answer['body']) : {} };
  };
  const self: PagingRelay = {
    relay,
    clock,
    api: async (username, pathname, body) => call(await tokenOf(username), pathname, body),
    async pairDevice(username) {
      const code = await self.api(username, '/api/v1/devices/pairing-codes', {});
      const paired = await call(undefined, '/api/v1/devices/pair', { code: code.body.code, name: `${username}'s phone` });
      expect(paired.status).toBe(200);
      return paired.body.token as string;
    },
    async connect(deviceToken) {
      const phone = await connectPhone(relay.url, deviceToken);
      phones.push(phone);
      return phone;
    },
    async pairPhone(username) {
      return self.connect(await self.pairDevice(username));
    },
    async trigger(dedupKey, severity = 'critical') {
      const sent = await call(undefined, '/v2/enqueue', {
        routing_key: KEYS.eventsV2,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: { summary: `Paging test ${dedupKey}`, source: 'paging-test', severity },
      });
      expect(sent.status).toBe(202);
      const list = await self.api('ann', '/api/v1/incidents?status=open');
      return (list.body.incidents as Incident[]).find((i) => i.dedupKey === dedupKey)!;
    },
    async detail(id) {
      const answer = await self.api('ann', `/api/v1/incidents/${encodeURIComponent(id)}`);
      expect(answer.status).toBe(200);
      return answer.body as { incident: Incident; timeline: TimelineEvent[]; pages: Page[] };
    },
    async until(what, check, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const value = await check();
        if (value !== undefined && value !== false) return value;
        if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async close() {
      phones.forEach((p) => p.close());
      await relay.close();
      await pg?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return self;
}
