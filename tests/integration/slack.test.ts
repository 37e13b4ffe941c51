import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import { createLogger } from '../../server/adapters/log/create-logger.js';
import { CONFIDENTIAL_SLACK_TEXT, SLACK_ACTIONS } from '../../server/adapters/slack/incident-blocks.js';
import { slackSignature } from '../../server/adapters/slack/slack-signature.js';
import { NOT_KNOWN_TEXT, UNLINKED_TEXT } from '../../server/app/slack/slack-inbox-handler.js';
import { startRelay, type Relay } from '../../server/relay.js';
import { parseSettings } from '../../server/settings.js';
import { createManualClock, type ManualClock } from '../support/manual-clock.js';
import { login } from '../support/phone.js';
import { startSlackFake, type FakeSlackMessage, type SlackFake } from '../support/slack-fake.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

// Secrets no log line may hold.
const TOKENS = { bot: 'xoxb-test-BOT-secret-111', app: 'xapp-test-APP-secret-222' };
const SIGNING_SECRET = 'signing-SECRET-333';
const ENV = { bot: 'KLAXON_TEST_SLACK_BOT', app: 'KLAXON_TEST_SLACK_APP', signing: 'KLAXON_TEST_SLACK_SIGNING' };
const NOC = 'C0NOC';
const SLACK_USERS = { bob: 'UBOB', dan: 'UDAN', nobody: 'UNOBODY' } as const;

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

let fake: SlackFake;
let relay: Relay;
let clock: ManualClock;
const logs: string[] = [];
const tokens = new Map<string, string>();

async function call(token: string | undefined, method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(`${relay.url}${pathname}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : {} };
}

async function api(username: string, method: string, pathname: string, body?: unknown): Promise<Answer> {
  if (!tokens.has(username)) tokens.set(username, await login(relay.url, username, `change-me-${username}`));
  return call(tokens.get(username), method, pathname, body);
}

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`not seen in time: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function trigger(dedupKey: string, summary: string): Promise<Incident> {
  const sent = await call(undefined, 'POST', '/v2/enqueue', {
    routing_key: KEYS.eventsV2,
    event_action: 'trigger',
    dedup_key: dedupKey,
    payload: { summary, source: 'rmm-agent-7', severity: 'critical', group: 'acme', custom_details: { group: 'acme' } },
  });
  expect(sent.status).toBe(202);
  const list = await api('ann', 'GET', '/api/v1/incidents?status=open');
  return (list.body.incidents as Incident[]).find((i) => i.dedupKey === dedupKey)!;
}

async function incident(id: string): Promise<Incident> {
  return (await api('ann', 'GET', `/api/v1/incidents/${id}`)).body.incident as Incident;
}

const messageOf = (incidentId: string) => () =>
  fake.messages.find((m) => JSON.stringify(m.blocks).includes(`klaxon-incident-${incidentId}`));
const actionIds = (message: FakeSlackMessage) =>
  (message.blocks.find((b) => b.type === 'actions') as { elements: { action_id: string }[] }).elements.map((e) => e.action_id);

async function link(username: string, slackUser: string): Promise<void> {
  const code = await api(username, 'POST', '/api/v1/me/slack/link-code');
  expect(code.status).toBe(200);
  expect(code.body.command).toBe(`/klaxon link ${code.body.code}`);
  const answer = await fake.slashCommand(slackUser, `link ${code.body.code}`);
  expect(String(answer.text)).toContain('Linked');
}

beforeAll(async () => {
  fake = await startSlackFake(TOKENS);
  process.env[ENV.bot] = TOKENS.bot;
  process.env[ENV.app] = TOKENS.app;
  process.env[ENV.signing] = SIGNING_SECRET;
  const config = writeTestConfig((doc) => {
    (doc.users ??= []).push({ id: 'root', name: 'Root Admin', email: 'root@example.com', role: 'admin', password: 'change-me-root' });
    doc.slack = {
      botTokenEnv: ENV.bot,
      appTokenEnv: ENV.app,
      signingSecretEnv: ENV.signing,
      apiUrl: fake.apiUrl,
      channels: { services: { rmm: NOC }, teams: {} },
    };
  });
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logs.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const db = path.join(mkdtempSync(path.join(tmpdir(), 'klaxon-slack-')), 'klaxon.db');
  clock = createManualClock(new Date('2026-11-30T10:00:00Z'));
  const argv = ['--port', '0', '--smtp-port', '0', '--db', db, '--config', config];
  relay = await startRelay(parseSettings({ argv, env: {} }), { clock, log: createLogger({ level: 'trace', pretty: false, destination }) });
  await fake.connected();
});

afterAll(async () => {
  await relay?.close();
  await fake?.close();
  for (const name of Object.values(ENV)) delete process.env[name];
});

describe('Slack: channel messages', () => {
  it('posts a new incident to its service\'s channel with priority, client, summary and the four buttons', async () => {
    const created = await trigger('slack-post-1', 'Disk full on srv-7');
    const message = await until('the incident\'s message', messageOf(created.id));
    expect(message.channel).toBe(NOC);
    expect(message.text).toContain('[HIGH]');
    expect(message.text).toContain('Disk full on srv-7');
    // The alert's group label maps it to the client Acme (the example config): the message names it.
    expect(created.clientId).toBe('acme');
    expect(JSON.stringify(message.blocks)).toContain('Acme');
    expect(actionIds(message)).toEqual([SLACK_ACTIONS.acknowledge, SLACK_ACTIONS.resolve, SLACK_ACTIONS.escalate, SLACK_ACTIONS.open]);
  });

  it('updates the message when the incident is acknowledged and resolved in the console', async () => {
    const created = await trigger('slack-post-2', 'Backup job failed');
    const message = await until('the incident\'s message', messageOf(created.id));
    expect((await api('ann', 'POST', `/api/v1/incidents/${created.id}/acknowledge`)).status).toBe(200);
    await until('the message shows acknowledged', () => JSON.stringify(message.blocks).includes('Acknowledged'));
    expect(actionIds(message)).toEqual([SLACK_ACTIONS.resolve, SLACK_ACTIONS.escalate, SLACK_ACTIONS.open]);
    expect((await api('ann', 'POST', `/api/v1/incidents/${created.id}/resolve`)).status).toBe(200);
    await until('the message shows resolved', () => JSON.stringify(message.blocks).includes('Resolved'));
    expect(actionIds(message)).toEqual([SLACK_ACTIONS.open]);
    expect(fake.messages.filter((m) => JSON.stringify(m.blocks).includes(`klaxon-incident-${created.id}`))).toHaveLength(1);
  });
});

describe('Slack: stakeholder status updates', () => {
  it('replies with a status update in the incident\'s thread, and only the redacted text for a confidential incident', async () => {
    const created = await trigger('slack-status-1', 'Mail relay queueing at Acme');
    const message = await until('the incident\'s message', messageOf(created.id));
    const service = created.serviceId;
    expect((await api('ann', 'POST', '/api/v1/status/subscribers', { name: 'Pat Acme', email: 'pat@acme.example', scope: 'service', scopeId: service })).status).toBe(201);
    const posted = await api('ann', 'POST', `/api/v1/incidents/${created.id}/status-updates`, { stage: 'identified', message: 'A fix is rolling out.' });
    expect(posted.status).toBe(201);
    const reply = await until('the reply in the thread', () => {
      clock.advance(0); // fire the job runner's wake-up
      return fake.messages.find((m) => m.threadTs === message.ts && m.text.includes('A fix is rolling out.'));
    });
    expect(reply.channel).toBe(NOC);
    expect(reply.text).toContain('Mail relay queueing at Acme');

    expect((await api('ann', 'POST', `/api/v1/incidents/${created.id}/confidential`, { confidential: true })).status).toBe(200);
    expect((await api('ann', 'POST', `/api/v1/incidents/${created.id}/status-updates`, { stage: 'monitoring', message: 'Queues are draining.', sendConfidential: true })).status).toBe(201);
    const redacted = await until('the redacted reply', () => {
      clock.advance(0);
      return fake.messages.find((m) => m.threadTs === message.ts && m.text.includes('Queues are draining.'));
    });
    expect(redacted.text).not.toContain('Mail relay queueing');
  });
});

describe('Slack: buttons act as the linked Klaxon person', () => {
  it('links through /klaxon link CODE; the linked person\'s Acknowledge and Resolve act and the message follows', async () => {
    expect((await api('bob', 'GET', '/api/v1/me/slack')).body).toMatchObject({ available: true, linked: false });
    await link('bob', SLACK_USERS.bob);
    expect((await api('bob', 'GET', '/api/v1/me/slack')).body).toMatchObject({ available: true, linked: true, slackUserId: SLACK_USERS.bob });

    const created = await trigger('slack-press-1', 'Firewall CPU high');
    const message = await until('the incident\'s message', messageOf(created.id));
    await fake.press(SLACK_USERS.bob, SLACK_ACTIONS.acknowledge, created.id);
    await until('acknowledged by bob', async () => (await incident(created.id)).status === 'acknowledged');
    await until('the message shows acknowledged', () => JSON.stringify(message.blocks).includes('Acknowledged'));
    const timeline = (await api('ann', 'GET', `/api/v1/incidents/${created.id}`)).body.timeline as { type: string; actor: { id?: string } }[];
    expect(timeline.find((e) => e.type === 'incident.acknowledged')?.actor.id).toBe('bob');

    await fake.press(SLACK_USERS.bob, SLACK_ACTIONS.resolve, created.id);
    await until('resolved by bob', async () => (await incident(created.id)).status === 'resolved');
    await until('the message shows resolved', () => actionIds(message).length === 1);
  });

  it('refuses a press by an unlinked Slack user with an ephemeral message, and changes nothing', async () => {
    const created = await trigger('slack-press-2', 'VPN tunnel down');
    const message = await until('the incident\'s message', messageOf(created.id));
    await fake.press(SLACK_USERS.nobody, SLACK_ACTIONS.resolve, created.id);
    const refusal = await until('the refusal', () => fake.ephemerals.find((e) => e.user === SLACK_USERS.nobody));
    expect(refusal).toEqual({ channel: NOC, user: SLACK_USERS.nobody, text: UNLINKED_TEXT });
    expect((await incident(created.id)).status).toBe('triggered');
    expect(actionIds(message)).toContain(SLACK_ACTIONS.acknowledge);
  });

  it('posts only the redacted text of a confidential incident and refuses a person off its list', async () => {
    const created = await trigger('slack-secret-1', 'Ransomware note on ACME-FS01 by j.smith');
    const message = await until('the incident\'s message', messageOf(created.id));
    await link('dan', SLACK_USERS.dan);
    const before = fake.calls.length;
    expect((await api('ann', 'POST', `/api/v1/incidents/${created.id}/confidential`, { confidential: true })).status).toBe(200);
    await until('the message is redacted', () => message.text.includes(CONFIDENTIAL_SLACK_TEXT));
    const sent = JSON.stringify(fake.calls.slice(before));
    for (const secret of ['Ransomware', 'ACME-FS01', 'j.smith', 'Acme', 'RMM alerts', 'rmm-agent-7']) {
      expect(sent).not.toContain(secret);
      expect(JSON.stringify(message)).not.toContain(secret);
    }

    await fake.press(SLACK_USERS.dan, SLACK_ACTIONS.resolve, created.id);
    const refusal = await until('the refusal', () => fake.ephemerals.find((e) => e.user === SLACK_USERS.dan));
    expect(refusal.text).toBe(NOT_KNOWN_TEXT);
    expect(refusal.text).not.toContain('Ransomware');
    expect((await incident(created.id)).status).toBe('triggered');

    // On the list, the same press works.
    expect((await api('ann', 'PUT', `/api/v1/incidents/${created.id}/need-to-know`, { userIds: ['dan'] })).status).toBeLessThan(300);
    await fake.press(SLACK_USERS.dan, SLACK_ACTIONS.resolve, created.id);
    await until('resolved by dan', async () => (await incident(created.id)).status === 'resolved');
    // The resolve's own update of the message has arrived (only Open in Klaxon is left), redacted still.
    await until('the message shows resolved', () => actionIds(message).length === 1);
    expect(message.text).not.toContain('Ransomware');
    expect(JSON.stringify(message.blocks)).not.toContain('Ransomware');
  });

  it('escalates from the button like "escalate now" in the console', async () => {
    const created = await trigger('slack-escalate-1', 'Switch stack unreachable');
    await until('the incident\'s message', messageOf(created.id));
    await fake.press(SLACK_USERS.bob, SLACK_ACTIONS.escalate, created.id);
    await until('escalated on the timeline', async () => {
      const timeline = (await api('ann', 'GET', `/api/v1/incidents/${created.id}`)).body.timeline as { type: string; actor: { id?: string } }[];
      return timeline.some((e) => e.actor?.id === 'bob' && /escalat/.test(e.type));
    });
  });
});

describe('Slack: the signed request URL', () => {
  const signed = (body: string, secret = SIGNING_SECRET, at = clock.now()) => {
    const timestamp = String(Math.floor(at.getTime() / 1000));
    return {
      'content-type': 'application/x-www-form-urlencoded',
      'x-slack-request-timestamp': timestamp,
      'x-slack-signature': slackSignature(secret, timestamp, body),
    };
  };
  const post = (pathname: string, body: string, headers: Record<string, string>) => call(undefined, 'POST', pathname, body, headers);

  it('refuses forged, stale and unsigned requests with 401, and changes nothing', async () => {
    const created = await trigger('slack-url-1', 'Mail queue stuck');
    const body = new URLSearchParams({ payload: JSON.stringify(fake.blockActions(SLACK_USERS.bob, SLACK_ACTIONS.resolve, created.id)) }).toString();
    const forged = await post('/api/v1/slack/interactions', body, signed(body, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect(forged.body.error ?? forged.body.message).toContain('X-Slack-Signature');
    const stale = await post('/api/v1/slack/interactions', body, signed(body, SIGNING_SECRET, new Date(clock.now().getTime() - 6 * 60_000)));
    expect(stale.status).toBe(401);
    const unsigned = await post('/api/v1/slack/interactions', body, { 'content-type': 'application/x-www-form-urlencoded' });
    expect(unsigned.status).toBe(401);
    const tampered = await post('/api/v1/slack/interactions', body.replace('resolve', 'acknowledge'), signed(body));
    expect(tampered.status).toBe(401);
    expect((await incident(created.id)).status).toBe('triggered');
  });

  it('acts on a correctly signed press, and names the field of a malformed payload', async () => {
    const created = await trigger('slack-url-2', 'Printer spooler crashed');
    const body = new URLSearchParams({ payload: JSON.stringify(fake.blockActions(SLACK_USERS.bob, SLACK_ACTIONS.acknowledge, created.id)) }).toString();
    expect((await post('/api/v1/slack/interactions', body, signed(body))).status).toBe(200);
    await until('acknowledged through the request URL', async () => (await incident(created.id)).status === 'acknowledged');

    const bad = new URLSearchParams({ payload: JSON.stringify({ type: 'block_actions', user: { id: SLACK_USERS.bob }, actions: [] }) }).toString();
    const refused = await post('/api/v1/slack/interactions', bad, signed(bad));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('actions');
    const notJson = 'payload=%7Bnot-json';
    expect((await post('/api/v1/slack/interactions', notJson, signed(notJson))).status).toBe(400);
    const huge = `payload=${'x'.repeat(300 * 1024)}`;
    expect((await post('/api/v1/slack/interactions', huge, signed(huge))).status).toBe(413);
  });

  it('answers a signed slash command with an ephemeral text', async () => {
    const body = new URLSearchParams({ command: '/klaxon', text: 'link ZZZZ-ZZZZ', user_id: SLACK_USERS.nobody, team_id: 'T0KLAXON', channel_id: NOC }).toString();
    const answer = await post('/api/v1/slack/commands', body, signed(body));
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('unknown, used or expired') });
    const noUser = new URLSearchParams({ command: '/klaxon', text: 'help' }).toString();
    const refused = await post('/api/v1/slack/commands', noUser, signed(noUser));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('user_id');
  });
});

describe('Slack: linking, direct messages and status', () => {
  it('uses a link code once, lets the console unlink, and an unlinked person\'s press is then refused', async () => {
    const code = (await api('cara', 'POST', '/api/v1/me/slack/link-code')).body.code as string;
    expect(String((await fake.slashCommand('UCARA', `link ${code.toLowerCase()}`)).text)).toContain('Linked');
    expect(String((await fake.slashCommand('UMALLORY', `link ${code}`)).text)).toContain('unknown, used or expired');
    expect((await api('cara', 'GET', '/api/v1/me/slack')).body).toMatchObject({ linked: true, slackUserId: 'UCARA' });
    expect((await api('cara', 'DELETE', '/api/v1/me/slack')).body).toEqual({ unlinked: true });
    expect((await api('cara', 'GET', '/api/v1/me/slack')).body).toMatchObject({ linked: false });

    const created = await trigger('slack-unlinked-2', 'NAS degraded');
    await until('the incident\'s message', messageOf(created.id));
    await fake.press('UCARA', SLACK_ACTIONS.acknowledge, created.id);
    expect((await until('the refusal', () => fake.ephemerals.find((e) => e.user === 'UCARA'))).text).toBe(UNLINKED_TEXT);
    expect((await incident(created.id)).status).toBe('triggered');
  });

  it('an expired code links no one', async () => {
    const code = (await api('cara', 'POST', '/api/v1/me/slack/link-code')).body.code as string;
    clock.advance(11 * 60_000);
    expect(String((await fake.slashCommand('UCARA', `link ${code}`)).text)).toContain('unknown, used or expired');
    expect((await api('cara', 'GET', '/api/v1/me/slack')).body).toMatchObject({ linked: false });
  });

  it('takes Slack as a notification rule channel and sends the test page as a direct message with a Read button', async () => {
    const settings = (await api('bob', 'GET', '/api/v1/me/notifications')).body;
    const saved = await api('bob', 'PUT', '/api/v1/me/notifications', { rules: [{ channel: 'slack', after: 0 }], contacts: settings.contacts });
    expect(saved.status).toBe(200);
    const test = await api('bob', 'POST', '/api/v1/me/test-page', { channel: 'slack' });
    expect(test.status).toBe(200);
    expect(test.body.results).toEqual([{ channel: 'slack', ok: true, detail: expect.stringContaining('Slack') }]);
    const dm = await until('the direct message', () => fake.messages.find((m) => m.channel === `D${SLACK_USERS.bob}`));
    expect(dm.text).toContain('Test page for Bob Example');
    expect(JSON.stringify(dm.blocks)).toContain(SLACK_ACTIONS.read);

    // cara has no link: the test page says so instead of pretending.
    const unlinked = await api('cara', 'POST', '/api/v1/me/test-page', { channel: 'slack' });
    expect(unlinked.body.results).toEqual([{ channel: 'slack', ok: false, detail: expect.stringContaining('no linked Slack account') }]);
    const wrong = await api('bob', 'PUT', '/api/v1/me/notifications', { rules: [{ channel: 'slac', after: 0 }], contacts: settings.contacts });
    expect(wrong.status).toBe(400);
    expect(JSON.stringify(wrong.body)).toContain('rules');
  });

  it('shows admins the connection and refuses everyone else', async () => {
    expect((await api('ann', 'GET', '/api/v1/slack/status')).status).toBe(403);
    const status = await api('root', 'GET', '/api/v1/slack/status');
    expect(status.status).toBe(200);
    expect(status.body).toMatchObject({ configured: true, modes: ['socket', 'request-url'], socketConnected: true, workspace: 'Klaxon MSP' });
  });

  it('never logs the bot token, the app token or the signing secret', () => {
    const text = logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of [TOKENS.bot, TOKENS.app, SIGNING_SECRET]) expect(text).not.toContain(secret);
  });
});
