import { globalAgent } from 'node:https';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { rootCertificates } from 'node:tls';
import { expect } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { ConfigInput } from '../../shared/config/config-schema.js';
import { createLogger } from '../../server/adapters/log/create-logger.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { startConnectWiseFake, type ConnectWiseFake } from './connectwise-fake.js';
import { createManualClock, type ManualClock } from './manual-clock.js';
import { login } from './phone.js';
import { KEYS, writeTestConfig } from './test-config.js';

/** The API member's keys and the integration's clientId the fake expects (values no log may hold). */
export const CW = {
  companyId: 'klaxonmsp',
  publicKey: 'pubKEYsecretAAA111',
  privateKey: 'privKEYsecretBBB222',
  clientId: 'client-SECRET-ccc333',
} as const;

/** The environment variables the test connection reads its keys from. */
export const CW_ENV = { publicKey: 'KLAXON_TEST_CW_PUBLIC', privateKey: 'KLAXON_TEST_CW_PRIVATE' } as const;

/** The test connection's mapping. */
export const MAPPING = {
  board: 'Security Desk',
  company: 'KlaxonMSP',
  status: { new: 'New', acknowledged: 'In Progress', resolved: 'Closed' },
  priority: { high: 'Priority 1 - Emergency Response', medium: 'Priority 2 - Quick Response', low: 'Priority 3 - Normal Response' },
  type: { high: 'Incident' },
  fromPriority: 'high',
} as const;

/** An HTTP answer with its parsed JSON body. */
export interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

/** A relay on a manual clock with a ConnectWise connection to a local fake, and every log line it wrote. */
export interface ConnectWiseRelay {
  relay: Relay;
  clock: ManualClock;
  fake: ConnectWiseFake;
  logs: string[];
  api(username: string, method: string, pathname: string, body?: unknown): Promise<Answer>;
  /** Sends one Events v2 alert to the `rmm` service and returns its incident. */
  trigger(dedupKey: string, severity?: string): Promise<Incident>;
  /** Posts a ConnectWise callback for a ticket to the `rmm` service's ConnectWise integration. */
  callback(action: 'added' | 'updated', ticket: Record<string, unknown>): Promise<Answer>;
  /** Polls until `check` answers something; fails after `timeoutMs` (no fixed sleeps). */
  until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs?: number): Promise<T>;
  close(): Promise<void>;
}

/**
 * Starts the fake ConnectWise (trusted by this process's HTTPS agent) and a relay on SQLite with
 * the test config, whose connection `cw-test` covers the `rmm` service with keys from environment
 * variables; logs are kept at trace level for the no-secrets check.
 */
export async function startConnectWiseRelay(edit: (doc: ConfigInput) => void = () => {}): Promise<ConnectWiseRelay> {
  const fake = await startConnectWiseFake(CW);
  globalAgent.options.ca = [...rootCertificates, fake.cert];
  process.env[CW_ENV.publicKey] = CW.publicKey;
  process.env[CW_ENV.privateKey] = CW.privateKey;
  const config = writeTestConfig((doc) => {
    doc.connectwise = [
      {
        id: 'cw-test',
        site: fake.url,
        companyId: CW.companyId,
        clientId: CW.clientId,
        publicKeyEnv: CW_ENV.publicKey,
        privateKeyEnv: CW_ENV.privateKey,
        services: ['rmm'],
        mapping: structuredClone(MAPPING) as never,
      },
    ];
    edit(doc);
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'klaxon-cw-')), 'klaxon.db');
  const clock = createManualClock(new Date('2026-11-30T10:00:00Z'));
  const argv = ['--port', '0', '--smtp-port', '0', '--db', db, '--config', config, '--outbound-allow', '127.0.0.1/32', '--secret-key', 'ab'.repeat(32)];
  const relay = await startRelay(parseSettings({ argv, env: {} }), { clock, log: createLogger({ level: 'trace', pretty: false, destination }) });
  const tokens = new Map<string, string>();
  const call = async (token: string | undefined, method: string, pathname: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${relay.url}${pathname}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {} };
  };
  const self: ConnectWiseRelay = {
    relay,
    clock,
    fake,
    logs,
    async api(username, method, pathname, body) {
      if (!tokens.has(username)) tokens.set(username, await login(relay.url, username, `change-me-${username}`));
      return call(tokens.get(username), method, pathname, body);
    },
    async trigger(dedupKey, severity = 'critical') {
      const sent = await call(undefined, 'POST', '/v2/enqueue', {
        routing_key: KEYS.eventsV2,
        event_action: 'trigger',
        dedup_key: dedupKey,
        payload: { summary: `Disk full on ${dedupKey}`, source: 'rmm-agent-7', severity },
      });
      expect(sent.status).toBe(202);
      const list = await self.api('ann', 'GET', '/api/v1/incidents?status=open');
      return (list.body.incidents as Incident[]).find((i) => i.dedupKey === dedupKey)!;
    },
    callback(action, ticket) {
      return call(undefined, 'POST', `/integrations/connectwise/${KEYS.connectwise}`, {
        Action: action,
        Type: 'ticket',
        ID: ticket.id,
        CompanyId: CW.companyId,
        Entity: JSON.stringify(ticket),
      });
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
      await relay.close();
      await fake.close();
      delete process.env[CW_ENV.publicKey];
      delete process.env[CW_ENV.privateKey];
    },
  };
  return self;
}
