import { afterEach, describe, expect, it } from 'vitest';
import { TeamsChannelConfigSchema } from '../../../shared/schemas/msteams.js';
import type { StatusSubscriber } from '../../../shared/schemas/status-update.js';
import { stakeholderTime } from '../../../shared/status-updates/status-templates.js';
import { type EscalationWorld, openEscalationWorld } from '../../../tests/support/escalation-world.js';
import { createTeamsWebhook } from '../../adapters/msteams/teams-webhook.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import { createTeamsChannels } from '../msteams/teams-channels.js';
import type { JobRecord } from '../ports/store.js';
import { createStatusDeliveryHandler, STATUS_MAX_ATTEMPTS } from './status-delivery.js';
import { createStatusUpdates } from './status-updates.js';

let world: EscalationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

const ann = { userId: 'ann', role: 'ir-manager' as const };
const bob = { userId: 'bob', role: 'triage-analyst' as const };
const subscriber = (id: string, email: string): StatusSubscriber => ({ id, name: id, email, scope: 'service', scopeId: 'rmm', createdAt: '2026-11-02T13:00:00.000Z' });

/** A real store with an incident on `rmm`, two subscribers, a Teams channel, fake mail and a fake Teams webhook. */
async function setUp() {
  world = await openEscalationWorld();
  const { store, clock } = world;
  const id = await world.trigger({ summary: 'Mail relay queueing' });
  await store.addStatusSubscriber(subscriber('a', 'a@client.example'));
  await store.addStatusSubscriber(subscriber('b', 'b@client.example'));
  const commit = { store, feed: createIncidentFeed(), pokeJobs: () => {} };
  const channels = createTeamsChannels([TeamsChannelConfigSchema.parse({ id: 'noc', webhookUrlEnv: 'T', services: ['rmm'] })], { T: 'https://teams.example/noc' });
  const mails: { to: string[]; subject: string; text: string }[] = [];
  const refuse = new Set<string>();
  const teamsAnswers: number[] = [];
  const posts: string[] = [];
  const slackTexts: string[] = [];
  const slackFailures = { left: 0 };
  /** Whether the relay has an outbound mail server (KLAXON_MAIL_URL). */
  const mailServer = { configured: true };
  const deliver = createStatusDeliveryHandler({
    ...commit,
    channels,
    mail: {
      get configured() {
        return mailServer.configured;
      },
      async send(message) {
        if (!mailServer.configured) throw new Error('no outbound mail server: set KLAXON_MAIL_URL');
        // As the real mailer words it: the address in the message, the server's reason in the cause.
        if (message.to.some((to) => refuse.has(to))) throw new Error(`sending mail to ${message.to.join(', ')} failed`, { cause: new Error('550 mailbox unavailable') });
        mails.push(message);
      },
    },
    teams: createTeamsWebhook(async (_url, init) => {
      posts.push(String(init?.body));
      return new Response(null, { status: teamsAnswers.shift() ?? 202 });
    }),
    incidentUrl: (incidentId) => `https://klaxon.test/#/incidents/${incidentId}`,
    formatTime: stakeholderTime,
    slack: async (_incident, text) => {
      if (slackFailures.left > 0) {
        slackFailures.left -= 1;
        throw new Error('slack chat.postMessage: ratelimited');
      }
      slackTexts.push(text);
      return true;
    },
  });
  const status = createStatusUpdates({ ...commit, clock, channels, slackChannels: { services: { rmm: 'C-RMM' }, teams: {} } });
  /** Claims the status.deliver row due now, if any, and runs it. */
  const runDue = async (): Promise<JobRecord | undefined> => {
    const [job] = (await store.claimDueJobs(clock.now(), 10, 'test', 30_000)).filter((j) => j.kind === 'status.deliver');
    if (job) {
      await deliver(job, clock.now());
      await store.completeJobs([job.id], 'test');
    }
    return job;
  };
  const events = async (type: string) => (await store.listTimeline(id)).filter((e) => e.type === type).map((e) => e.data);
  return { ...world, id, status, mails, mailServer, refuse, teamsAnswers, posts, slackTexts, slackFailures, runDue, events };
}

describe('status updates (real store, manual clock)', () => {
  it('commits the update with its timeline event and sends each address on its own and the Teams channel', async () => {
    const { id, status, mails, posts, runDue, events } = await setUp();
    const posted = await status.post(ann, id, { stage: 'identified', message: 'A fix is coming.' });
    expect(posted).toMatchObject({ ok: true, value: { stage: 'identified', recipients: 2, channels: 1, confidential: false } });
    expect(await events('status.posted')).toEqual([expect.objectContaining({ stage: 'identified', message: 'A fix is coming.', recipients: 2, channels: 1 })]);

    await runDue();
    expect(mails.map((m) => m.to)).toEqual([['a@client.example'], ['b@client.example']]);
    expect(mails[0]!.subject).toBe('[Identified] RMM alerts: Mail relay queueing');
    expect(mails[0]!.text).toContain('A fix is coming.');
    expect(posts).toHaveLength(1);
    expect(posts[0]).toContain('Mail relay queueing');
    expect(posts[0]).toContain('Open in Klaxon');
    expect(await events('status.sent')).toEqual([expect.objectContaining({ emails: 2, channels: 1, attempt: 1 })]);
  });

  it('tries again only what failed, later, and records the rest as failed after the last attempt', async () => {
    const { id, clock, status, mails, refuse, teamsAnswers, runDue, events } = await setUp();
    refuse.add('b@client.example');
    teamsAnswers.push(503);
    await status.post(ann, id, { stage: 'investigating', message: 'Looking.' });
    await runDue();
    expect(mails.map((m) => m.to[0])).toEqual(['a@client.example']);
    // Nothing is due again until the back-off has passed.
    expect(await runDue()).toBeUndefined();
    clock.advance(10_000);
    const again = await runDue();
    // The second attempt carries only what failed: b's address and the Teams channel that answered 503.
    expect(again?.payload).toMatchObject({ emails: ['b@client.example'], channels: ['noc'] });
    expect(again?.attempts).toBe(2);
    expect(mails.map((m) => m.to[0])).toEqual(['a@client.example']);
    expect((await events('status.sent')).map((d) => [d.emails, d.channels])).toEqual([[1, 0], [0, 1]]);

    for (let attempt = 3; attempt <= STATUS_MAX_ATTEMPTS; attempt += 1) {
      clock.advance(300_000);
      expect(await runDue()).toBeDefined();
    }
    clock.advance(300_000);
    expect(await runDue()).toBeUndefined();
    expect(await events('status.failed')).toEqual([expect.objectContaining({ emails: 1, channels: 0, attempts: STATUS_MAX_ATTEMPTS, error: expect.stringContaining('550') })]);
    // The timeline is read by people who may not see the subscriber list: no address on it.
    expect(JSON.stringify(await events('status.failed'))).not.toContain('b@client.example');
  });

  it('fails the e-mails at once, saying why, when the relay has no outbound mail server (nothing to try again later)', async () => {
    const { id, status, mails, mailServer, posts, runDue, events } = await setUp();
    mailServer.configured = false;
    await status.post(ann, id, { stage: 'identified', message: 'A fix is coming.' });
    await runDue();
    expect(mails).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(await events('status.sent')).toEqual([expect.objectContaining({ emails: 0, channels: 1, attempt: 1 })]);
    expect(await events('status.failed')).toEqual([expect.objectContaining({ emails: 2, channels: 0, attempts: 1, error: expect.stringContaining('KLAXON_MAIL_URL') })]);
    expect(await runDue()).toBeUndefined();
  });

  it('refuses other roles, a confidential incident without the explicit choice, and an incident nobody follows', async () => {
    const { id, h, store, status, runDue } = await setUp();
    expect(await status.post(bob, id, { stage: 'investigating', message: 'x' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await status.subscribers(bob)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await status.post(ann, 'no-such-incident', { stage: 'investigating', message: 'x' })).toMatchObject({ ok: false, error: { code: 'not_found' } });

    expect(await h.actions.setConfidential(ann, [id], true)).toMatchObject({ ok: true });
    expect(await status.post(ann, id, { stage: 'investigating', message: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict', field: 'sendConfidential' } });
    expect(await status.list(bob, id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await runDue()).toBeUndefined();
    expect(await store.listStatusUpdates(id)).toEqual([]);

    await store.deleteStatusSubscriber('a');
    await store.deleteStatusSubscriber('b');
    const quiet = createStatusUpdates({ store, feed: createIncidentFeed(), pokeJobs: () => {}, clock: world!.clock, channels: createTeamsChannels([], {}) });
    expect(await quiet.post(ann, id, { stage: 'investigating', message: 'x', sendConfidential: true })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('nobody follows service "rmm"') } });
  });

  it('sends a confidential incident\'s update, once chosen, without its summary; Teams also without service or client', async () => {
    const { id, h, status, mails, posts, runDue } = await setUp();
    expect(await h.actions.setConfidential(ann, [id], true)).toMatchObject({ ok: true });
    expect(await status.post(ann, id, { stage: 'investigating', message: 'We are on it.', sendConfidential: true })).toMatchObject({ ok: true, value: { confidential: true } });
    await runDue();
    expect(mails).toHaveLength(2);
    expect(mails[0]!.subject).toBe('[Investigating] RMM alerts: a confidential incident');
    expect(mails.map((m) => `${m.subject}\n${m.text}`).join('\n')).not.toContain('Mail relay queueing');
    expect(mails[0]!.text).toContain('We are on it.');
    expect(posts[0]).not.toMatch(/Mail relay queueing|RMM alerts/);
    expect(posts[0]).toContain('We are on it.');
  });

  it('replies in the incident\'s Slack thread, redacted as on Teams when confidential; a Slack failure alone is tried again', async () => {
    const { id, h, clock, status, mails, slackTexts, slackFailures, runDue, events } = await setUp();
    await status.post(ann, id, { stage: 'monitoring', message: 'Queues are draining.' });
    await runDue();
    expect(slackTexts).toEqual([expect.stringMatching(/^\*\[Monitoring\] RMM alerts: Mail relay queueing\*\n[\s\S]*Queues are draining\./)]);
    expect(await events('status.sent')).toEqual([expect.objectContaining({ emails: 2, channels: 1, slack: 1 })]);

    expect(await h.actions.setConfidential(ann, [id], true)).toMatchObject({ ok: true });
    slackFailures.left = 1;
    await status.post(ann, id, { stage: 'resolved', message: 'All clear.', sendConfidential: true });
    await runDue();
    expect(slackTexts).toHaveLength(1);
    expect(mails).toHaveLength(4);
    clock.advance(10_000);
    const again = await runDue();
    // Only Slack is left: no address or Teams channel is sent twice.
    expect(again?.payload).toMatchObject({ emails: [], channels: [], slack: true });
    expect(mails).toHaveLength(4);
    expect(slackTexts).toHaveLength(2);
    expect(slackTexts[1]).toContain('All clear.');
    expect(slackTexts[1]).not.toMatch(/Mail relay queueing|RMM alerts/);
    expect((await events('status.sent')).map((d) => [d.emails, d.channels, d.slack])).toEqual([[2, 1, 1], [2, 1, 0], [0, 0, 1]]);
  });

  it('sends an update only the Slack thread would receive, and tells who an update reaches', async () => {
    const { id, store, clock, runDue, slackTexts, mails } = await setUp();
    await store.deleteStatusSubscriber('a');
    await store.deleteStatusSubscriber('b');
    const commit = { store, feed: createIncidentFeed(), pokeJobs: () => {} };
    const slackOnly = createStatusUpdates({ ...commit, clock, channels: createTeamsChannels([], {}), slackChannels: { services: { rmm: 'C-RMM' }, teams: {} } });
    expect(await slackOnly.list(ann, id)).toMatchObject({ ok: true, value: { audience: { recipients: 0, channels: 0, slack: true } } });
    expect(await slackOnly.post(ann, id, { stage: 'investigating', message: 'Looking into it.' })).toMatchObject({ ok: true });
    const job = await runDue();
    expect(job?.payload).toMatchObject({ emails: [], channels: [], slack: true });
    expect(mails).toEqual([]);
    expect(slackTexts).toEqual([expect.stringContaining('Looking into it.')]);

    // Without Slack set up for the incident's service, nobody follows it.
    const elsewhere = createStatusUpdates({ ...commit, clock, channels: createTeamsChannels([], {}), slackChannels: { services: { other: 'C-X' }, teams: {} } });
    expect(await elsewhere.list(ann, id)).toMatchObject({ ok: true, value: { audience: { slack: false } } });
    expect(await elsewhere.post(ann, id, { stage: 'identified', message: 'x' })).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('sends nothing when the incident became confidential after the update was posted, and says so', async () => {
    const { id, h, status, mails, posts, slackTexts, runDue, events } = await setUp();
    await status.post(ann, id, { stage: 'identified', message: 'Fix coming.' });
    expect(await h.actions.setConfidential(ann, [id], true)).toMatchObject({ ok: true });
    await runDue();
    expect([mails, posts, slackTexts]).toEqual([[], [], []]);
    expect(await events('status.failed')).toEqual([expect.objectContaining({ emails: 2, channels: 1, error: expect.stringContaining('became confidential') })]);
    expect(await runDue()).toBeUndefined();
  });

  it('escapes alert text for Slack, so a summary cannot mention @channel or forge a link', async () => {
    const { store, clock, runDue, slackTexts } = await setUp();
    const id = await world!.trigger({ dedupKey: 'slack-escape', summary: '<!channel> disk full <https://evil.example|Open in Klaxon>' });
    const status = createStatusUpdates({ store, feed: createIncidentFeed(), pokeJobs: () => {}, clock, channels: createTeamsChannels([], {}), slackChannels: { services: { rmm: 'C-RMM' }, teams: {} } });
    expect(await status.post(ann, id, { stage: 'investigating', message: 'Looking <@U123>.' })).toMatchObject({ ok: true });
    await runDue();
    expect(slackTexts).toHaveLength(1);
    expect(slackTexts[0]).not.toMatch(/<!channel>|<https:|<@U123>/);
    expect(slackTexts[0]).toContain('&lt;!channel&gt;');
  });
});
