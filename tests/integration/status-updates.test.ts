import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import type { StatusUpdate } from '../../shared/schemas/status-update.js';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { login } from '../support/phone.js';
import { startRelayProcess, type RelayProcess } from '../support/relay-process.js';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.js';
import { startTeamsFake, type TeamsFake } from '../support/teams-fake.js';
import { KEYS, writeTestConfig } from '../support/test-config.js';

/**
 * Microsoft Teams channel posts and stakeholder status updates through a real relay process, a local
 * SMTP server and a local Teams webhook server (issue 17 §3–4).
 */
const WAIT_MS = 20_000;
let relay: RelayProcess;
let smtp: SmtpSink;
let teams: TeamsFake;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  smtp = await startSmtpSink();
  teams = await startTeamsFake();
  const config = writeTestConfig((doc) => {
    (doc as { microsoftTeams?: unknown }).microsoftTeams = {
      channels: [
        { id: 'noc', webhookUrlEnv: 'TEAMS_NOC', services: ['rmm'] },
        { id: 'dba', webhookUrlEnv: 'TEAMS_DBA', services: ['db'], statusUpdates: false },
        { id: 'unset', webhookUrlEnv: 'TEAMS_NOT_SET' },
      ],
    };
  });
  relay = await startRelayProcess({
    env: { KLAXON_CONFIG: config, KLAXON_MAIL_URL: smtp.url, KLAXON_OUTBOUND_ALLOW: '127.0.0.1/32', TEAMS_NOC: teams.webhook('noc'), TEAMS_DBA: teams.webhook('dba') },
  });
  for (const user of ['ann', 'bob', 'dan']) tokens[user] = await login(relay.url, user, `change-me-${user}`);
}, 60_000);
afterAll(async () => {
  await relay?.dispose();
  await smtp?.close();
  await teams?.close();
});

const api = (who: string, path: string, init: { method?: string; body?: unknown } = {}) =>
  fetch(`${relay.url}${path}`, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers: { authorization: `Bearer ${tokens[who]}`, ...(init.body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
  });

async function trigger(dedupKey: string, summary: string, key: string = KEYS.eventsV2): Promise<string> {
  const response = await fetch(`${relay.url}/v2/enqueue`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ routing_key: key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary, source: 'status-test', severity: 'critical' } }),
  });
  expect(response.status).toBe(202);
  const { incidents } = (await (await api('ann', '/api/v1/incidents?status=open')).json()) as { incidents: Incident[] };
  return incidents.find((i) => i.dedupKey === dedupKey)!.id;
}

const timelineOf = async (id: string) => ((await (await api('ann', `/api/v1/incidents/${id}`)).json()) as { timeline: TimelineEvent[] }).timeline;

async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const until = Date.now() + WAIT_MS;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > until) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('Microsoft Teams channel posts', () => {
  it('posts a new incident and its acknowledgement to the channel of its service, with an Open in Klaxon link', async () => {
    const id = await trigger('teams-1', 'Core switch sw1 down');
    const opened = await teams.waitFor((p) => p.text.includes('Core switch sw1 down') && p.text.includes('Triggered'), WAIT_MS);
    expect(opened.path).toBe('/webhook/noc');
    expect(opened.text).toContain('HIGH');
    expect(opened.text).toContain('RMM alerts');
    expect(opened.text).toContain(`/#/incidents/${id}`);
    expect(teams.posts.some((p) => p.path === '/webhook/dba')).toBe(false);

    expect((await api('ann', `/api/v1/incidents/${id}/acknowledge`, { body: {} })).status).toBe(200);
    await teams.waitFor((p) => p.text.includes('Core switch sw1 down') && /Acknowledged by Ann/.test(p.text), WAIT_MS);
    const timeline = await eventually(() => timelineOf(id), (t) => t.some((e) => e.type === 'msteams.posted' && String(e.data.headline).startsWith('Acknowledged')));
    // Nobody in the test config has a phone, so level 1's pages fail and it escalates at once: that is posted too.
    const headlines = timeline.filter((e) => e.type === 'msteams.posted').map((e) => e.data.headline);
    expect(headlines[0]).toBe('Triggered');
    expect(headlines).toContain('Acknowledged by Ann Example');
    expect(headlines.filter((h) => h === 'Triggered')).toHaveLength(1);
    // The webhook URL is a secret: it is never on the record.
    expect(JSON.stringify(timeline)).not.toContain(teams.url);
  });

  it('posts only a redacted card for a confidential incident', async () => {
    const id = await trigger('teams-2', 'Ransomware note on fs9');
    await teams.waitFor((p) => p.text.includes('Ransomware note on fs9'), WAIT_MS);
    expect((await api('ann', `/api/v1/incidents/${id}/confidential`, { body: { confidential: true } })).status).toBe(200);
    const before = teams.posts.length;
    expect((await api('ann', `/api/v1/incidents/${id}/acknowledge`, { body: {} })).status).toBe(200);
    const card = await teams.waitFor((p) => teams.posts.indexOf(p) >= before && p.text.includes('Confidential incident'), WAIT_MS);
    expect(card.text).not.toContain('Ransomware');
    expect(card.text).not.toContain('RMM alerts');
    expect(card.text).toContain(`/#/incidents/${id}`);
  });
});

describe('stakeholder status updates', () => {
  it('lets managers keep subscribers, and refuses others and bad input naming the field', async () => {
    expect((await api('bob', '/api/v1/status/subscribers', { body: { name: 'X', email: 'x@example.com', scope: 'service', scopeId: 'rmm' } })).status).toBe(403);
    expect((await api('dan', '/api/v1/status/subscribers')).status).toBe(403);
    const bad = await api('ann', '/api/v1/status/subscribers', { body: { name: 'X', email: 'not-an-address', scope: 'service', scopeId: 'rmm' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('email');
    const unknown = await api('ann', '/api/v1/status/subscribers', { body: { name: 'X', email: 'x@example.com', scope: 'client', scopeId: 'nobody' } });
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(await unknown.json())).toContain('scopeId');
    const huge = await api('ann', '/api/v1/status/subscribers', { body: { name: 'x'.repeat(5000), email: 'x@example.com', scope: 'service', scopeId: 'rmm' } });
    expect(huge.status).toBe(400);

    const added = await api('ann', '/api/v1/status/subscribers', { body: { name: 'Pat Acme', email: 'pat@acme.example', scope: 'service', scopeId: 'rmm' } });
    expect(added.status).toBe(201);
    const list = (await (await api('ann', '/api/v1/status/subscribers')).json()) as { subscribers: { email: string }[] };
    expect(list.subscribers.map((s) => s.email)).toContain('pat@acme.example');
  });

  it('sends an update by e-mail and to Teams from the edited template, and records it on the timeline', async () => {
    const template = await api('ann', '/api/v1/status/templates/identified', { method: 'PUT', body: { subject: 'Update: {{summary}} ({{stage}})', body: 'Dear customer, {{message}}' } });
    expect(template.status).toBe(200);
    const id = await trigger('status-1', 'Mail relay queueing');

    expect((await api('bob', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'identified', message: 'A fix is coming.' } })).status).toBe(403);
    const tooLong = await api('ann', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'identified', message: 'x'.repeat(4001) } });
    expect(tooLong.status).toBe(400);
    expect(JSON.stringify(await tooLong.json())).toContain('message');
    const badStage = await api('ann', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'panicking', message: 'x' } });
    expect(badStage.status).toBe(400);
    expect(JSON.stringify(await badStage.json())).toContain('stage');

    const posted = await api('ann', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'identified', message: 'The queue drains by 10:00.' } });
    expect(posted.status).toBe(201);
    const { update } = (await posted.json()) as { update: StatusUpdate };
    expect(update).toMatchObject({ stage: 'identified', recipients: 1, channels: 1, confidential: false, postedBy: 'ann' });

    const mail = await smtp.waitFor((m) => m.to.includes('pat@acme.example') && m.subject.includes('Mail relay queueing'), WAIT_MS);
    expect(mail.subject).toBe('Update: Mail relay queueing (identified)');
    expect(mail.text).toContain('Dear customer, The queue drains by 10:00.');
    await teams.waitFor((p) => p.path === '/webhook/noc' && p.text.includes('Dear customer'), WAIT_MS);

    const timeline = await eventually(() => timelineOf(id), (t) => t.some((e) => e.type === 'status.sent'));
    expect(timeline.find((e) => e.type === 'status.posted')?.data).toMatchObject({ stage: 'identified', recipients: 1, channels: 1 });
    expect(timeline.find((e) => e.type === 'status.sent')?.data).toMatchObject({ emails: 1, channels: 1 });
    const listed = (await (await api('dan', `/api/v1/incidents/${id}/status-updates`)).json()) as { updates: StatusUpdate[]; audience: { recipients: number } };
    expect(listed.updates.map((u) => u.message)).toEqual(['The queue drains by 10:00.']);
    expect(listed.audience.recipients).toBe(1);
  });

  it('refuses an update nobody would receive instead of recording it as sent', async () => {
    const id = await trigger('status-2', 'Replica lag on db2', KEYS.eventsV2Other);
    const refused = await api('ann', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'investigating', message: 'Looking.' } });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toMatch(/nobody follows service "db"/);
  });

  it('sends nothing for a confidential incident unless the manager chooses to, and hides it from people off its list', async () => {
    const id = await trigger('status-3', 'Data exfiltration suspected');
    expect((await api('ann', `/api/v1/incidents/${id}/confidential`, { body: { confidential: true } })).status).toBe(200);
    const refused = await api('ann', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'investigating', message: 'We are looking into it.' } });
    expect(refused.status).toBe(409);
    expect(JSON.stringify(await refused.json())).toContain('sendConfidential');
    expect((await api('dan', `/api/v1/incidents/${id}/status-updates`)).status).toBe(404);
    const mailsBefore = smtp.messages.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.messages.length).toBe(mailsBefore);

    const chosen = await api('ann', `/api/v1/incidents/${id}/status-updates`, { body: { stage: 'investigating', message: 'We are looking into it.', sendConfidential: true } });
    expect(chosen.status).toBe(201);
    expect(((await chosen.json()) as { update: StatusUpdate }).update.confidential).toBe(true);
    const mail = await smtp.waitFor((m) => m.to.includes('pat@acme.example') && m.text.includes('We are looking into it.'), WAIT_MS);
    expect(`${mail.subject}\n${mail.text}`).not.toContain('exfiltration');
    expect(mail.subject).toContain('a confidential incident');
    // The Teams channel gets only the redacted text: neither the summary nor the service.
    const card = await teams.waitFor((p) => p.text.includes('We are looking into it'), WAIT_MS);
    expect(card.text).not.toContain('exfiltration');
    expect(card.text).not.toContain('RMM alerts');
  });
});
