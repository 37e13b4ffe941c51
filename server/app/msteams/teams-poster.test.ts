import { afterEach, describe, expect, it } from 'vitest';
import { TeamsChannelConfigSchema } from '../../../shared/schemas/msteams.js';
import { type EscalationWorld, openEscalationWorld } from '../../../tests/support/escalation-world.js';
import { createTeamsWebhook } from '../../adapters/msteams/teams-webhook.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import { createTeamsChannels } from './teams-channels.js';
import { createTeamsPostHandler, startTeamsPoster, TEAMS_MAX_ATTEMPTS, teamsPostJob } from './teams-poster.js';

let world: EscalationWorld | undefined;
let stop: (() => void) | undefined;
afterEach(async () => {
  stop?.();
  await world?.close();
  world = undefined;
});

const ann = { userId: 'ann', role: 'ir-manager' as const };

async function setUp() {
  world = await openEscalationWorld();
  const { store, clock } = world;
  const feed = createIncidentFeed();
  const commit = { store, feed, pokeJobs: () => {} };
  const channels = createTeamsChannels(
    [TeamsChannelConfigSchema.parse({ id: 'noc', webhookUrlEnv: 'T', services: ['rmm'] }), TeamsChannelConfigSchema.parse({ id: 'high-only', webhookUrlEnv: 'T', fromPriority: 'high', services: ['db'] })],
    { T: 'https://teams.example/hook?sig=secret' },
  );
  const answers: number[] = [];
  const bodies: string[] = [];
  const deps = {
    ...commit,
    clock,
    channels,
    teams: createTeamsWebhook(async (_url, init) => {
      bodies.push(String(init?.body));
      return new Response(null, { status: answers.shift() ?? 202 });
    }),
    incidentUrl: (id: string) => `https://klaxon.test/#/incidents/${id}`,
  };
  const post = createTeamsPostHandler(deps);
  const runDue = async () => {
    const due = (await store.claimDueJobs(clock.now(), 50, 'test', 30_000)).filter((j) => j.kind === teamsPostJob.kind);
    for (const job of due) await post(job, clock.now());
    await store.completeJobs(due.map((j) => j.id), 'test');
    return due;
  };
  return { ...world, feed, deps, answers, bodies, runDue };
}

describe('Teams poster (real store, manual clock)', () => {
  it('queues a durable post per matching channel for an acknowledgement, and posts the incident as it is then', async () => {
    const { h, store, feed, deps, bodies, runDue, trigger } = await setUp();
    const id = await trigger({ summary: 'Core switch sw1 down' });
    const errors: unknown[] = [];
    const poster = startTeamsPoster({ ...deps, onError: (error) => void errors.push(error) });
    stop = poster.stop;
    // The harness's actions publish on their own feed: hand the poster the acknowledgement's events.
    expect(await h.actions.acknowledge(ann, [id])).toMatchObject({ ok: true });
    const acknowledged = (await store.listTimeline(id)).find((e) => e.type === 'incident.acknowledged')!;
    feed.publish([{ type: 'timeline:appended', event: acknowledged }]);
    await poster.idle();
    expect(errors).toEqual([]);

    const ran = await runDue();
    expect(ran.map((j) => j.id)).toEqual([teamsPostJob.id(acknowledged.id, 'noc')]);
    expect(bodies).toHaveLength(1);
    expect(bodies[0]).toContain('Acknowledged by Ann Example');
    expect(bodies[0]).toContain('Core switch sw1 down');
    const posted = (await store.listTimeline(id)).filter((e) => e.type === 'msteams.posted');
    expect(posted.map((e) => e.data)).toEqual([{ channel: 'noc', headline: 'Acknowledged by Ann Example', redacted: false }]);
    expect(JSON.stringify(await store.listTimeline(id))).not.toContain('sig=secret');
  });

  it('redacts a confidential incident and gives up after the last retryable failure, naming only the status', async () => {
    const { h, store, clock, answers, bodies, runDue, trigger } = await setUp();
    const id = await trigger({ summary: 'Ransomware note on fs9' });
    expect(await h.actions.setConfidential(ann, [id], true)).toMatchObject({ ok: true });
    await store.transaction(async (tx) =>
      tx.upsertJob({ id: teamsPostJob.id('x', 'noc'), kind: teamsPostJob.kind, incidentId: id, dueAt: clock.now(), payload: { channelId: 'noc', headline: 'Triggered' }, attempts: 0 }),
    );
    answers.push(...Array.from({ length: TEAMS_MAX_ATTEMPTS }, () => 503));
    for (let attempt = 1; attempt <= TEAMS_MAX_ATTEMPTS; attempt += 1) {
      expect(await runDue()).toHaveLength(1);
      clock.advance(300_000);
    }
    expect(await runDue()).toHaveLength(0);
    expect(bodies).toHaveLength(TEAMS_MAX_ATTEMPTS);
    expect(bodies.join('\n')).not.toContain('Ransomware');
    expect(bodies[0]).toContain('Confidential incident: Triggered');
    const failed = (await store.listTimeline(id)).filter((e) => e.type === 'msteams.failed').map((e) => e.data);
    expect(failed).toEqual([{ channel: 'noc', headline: 'Triggered', error: 'the Teams webhook answered 503', attempts: TEAMS_MAX_ATTEMPTS }]);
  });
});
