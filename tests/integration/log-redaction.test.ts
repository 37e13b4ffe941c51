import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../server/adapters/log/create-logger.js';
import { startRecordingServer, type RecordingServer } from '../../server/adapters/notify/testing/recording-server.js';
import { createTestSubscriber } from '../../server/adapters/notify/testing/web-push-receiver.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { login } from '../support/phone.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Every secret a send touches; none of them may appear in a log line, at any level.
const NTFY_TOKEN = 'tk_ntfy_SECRET_one';
const WEBHOOK_SECRET = 'whsec_SECRET_two_long_enough';
const WEBHOOK_PATH = '/hooks/SECRET_three';
const ENDPOINT_PATH = '/push/SECRET_four';

let relay: Relay;
let services: RecordingServer;
const lines: string[] = [];

beforeAll(async () => {
  // One local server plays the push service (gone: 410), ntfy (throttled: 500) and the webhook (500).
  services = await startRecordingServer((request) => ({ status: request.path.startsWith('/push/') ? 410 : 500 }));
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const settings = parseSettings({
    argv: ['--port', '0', '--smtp-port', '0', '--db', ':memory:', '--config', writeTestConfig(), '--outbound-allow', '127.0.0.1/32'],
    env: {},
  });
  relay = await startRelay(settings, { log: createLogger({ level: 'trace', pretty: false, destination }) });
});
afterAll(async () => {
  await relay?.close();
  await services?.close();
});

async function api(path: string, token: string, method: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${relay.url}${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: await response.json() };
}

describe('log redaction on real sends', () => {
  it('logs the sends and their failures without a push endpoint, subscription key, ntfy token, webhook URL or secret', async () => {
    const token = await login(relay.url, 'bob', 'change-me-bob');
    const subscriber = createTestSubscriber(`${services.baseUrl}${ENDPOINT_PATH}`);
    expect((await api('/api/v1/push/subscriptions', token, 'POST', { subscription: subscriber.subscription })).status).toBeLessThan(300);
    const contacts = {
      ntfy: { url: `${services.baseUrl}/klaxon-bob`, token: NTFY_TOKEN },
      webhook: { url: `${services.baseUrl}${WEBHOOK_PATH}`, secret: WEBHOOK_SECRET },
    };
    const rules = [{ channel: 'push', after: 0 }, { channel: 'ntfy', after: 0 }, { channel: 'webhook', after: 0 }];
    expect((await api('/api/v1/me/notifications', token, 'PUT', { rules, contacts })).status).toBe(200);
    const test = await api('/api/v1/me/test-page', token, 'POST', {});
    expect(test.status).toBe(200);
    // The sends really happened: the push service saw the subscription, the webhook its request.
    expect(services.requests.map((r) => r.path)).toEqual(expect.arrayContaining([ENDPOINT_PATH, WEBHOOK_PATH]));
    await fetch(`${relay.url}/v2/enqueue`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ routing_key: KEYS.eventsV2, event_action: 'trigger', dedup_key: 'redaction-1', payload: { summary: 'Disk full', source: 'db-01', severity: 'critical' } }),
    });

    const text = lines.join('\n');
    expect(text).toContain('push subscription gone; removed');
    const secrets = [NTFY_TOKEN, WEBHOOK_SECRET, WEBHOOK_PATH, ENDPOINT_PATH, subscriber.subscription.keys.p256dh, subscriber.subscription.keys.auth, KEYS.eventsV2];
    expect(secrets.filter((secret) => text.includes(secret))).toEqual([]);
  });
});
