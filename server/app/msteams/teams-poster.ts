import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { FeedChange } from '../feed/incident-feed.js';
import { type CommitDeps, commitAndPublish } from '../incidents/change-set.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { Clock } from '../ports/clock.js';
import type { TeamsWebhook } from '../ports/teams-webhook.js';
import type { TeamsChannels } from './teams-channels.js';

/** The due row that posts one incident change to one Teams channel. */
export const teamsPostJob = {
  kind: 'msteams.post',
  id: (sourceId: string, channelId: string) => `msteams:${sourceId}:${channelId}`,
};

/** How many times a post is tried before it is recorded as failed. */
export const TEAMS_MAX_ATTEMPTS = 5;

/** What the poster needs. */
export interface TeamsPosterDeps extends CommitDeps {
  clock: Clock;
  channels: TeamsChannels;
  teams: TeamsWebhook;
  incidentUrl: (incidentId: string) => string;
  onError: (error: unknown) => void;
}

/** The words a timeline event is posted with, or undefined for events a channel is not told of. */
async function headlineOf(event: TimelineEvent, nameOf: (id: string) => Promise<string>): Promise<string | undefined> {
  switch (event.type) {
    case 'incident.acknowledged':
      return event.actor.type === 'user' && event.actor.id ? `Acknowledged by ${await nameOf(event.actor.id)}` : 'Acknowledged';
    case 'incident.resolved':
      return event.actor.type === 'user' && event.actor.id ? `Resolved by ${await nameOf(event.actor.id)}` : 'Resolved';
    case 'incident.reopened':
      return 'Triggered again';
    case 'escalation.level':
      return typeof event.data.to === 'number' ? `Escalated to level ${event.data.to + 1}` : 'Escalated';
    default:
      return undefined;
  }
}

/**
 * Follows the incident feed (after each commit) and queues a durable `msteams.post` row per matching
 * channel for a new incident and for its acknowledgement, resolution, reopening and escalation. The
 * row is posted by `createTeamsPostHandler`; nothing runs on the ingest path.
 */
export function startTeamsPoster(deps: TeamsPosterDeps): { idle(): Promise<void>; stop(): void } {
  let chain: Promise<void> = Promise.resolve();
  const nameOf = async (id: string) => (await deps.store.getUser(id))?.name ?? id;

  const queue = async (incident: Incident, sourceId: string, headline: string) => {
    const channels = deps.channels.forIncident(incident);
    if (channels.length === 0) return;
    const now = deps.clock.now();
    await commitAndPublish(deps, now, async (changes) => {
      for (const channel of channels) {
        await changes.schedule({ id: teamsPostJob.id(sourceId, channel.id), kind: teamsPostJob.kind, incidentId: incident.id, dueAt: now, payload: { channelId: channel.id, headline } });
      }
    });
  };

  const handle = async (change: FeedChange) => {
    if (deps.channels.usable.length === 0) return;
    if (change.type === 'incident:created') await queue(change.incident, `${change.incident.id}:opened`, 'Triggered');
    else if (change.type === 'timeline:appended') {
      const headline = await headlineOf(change.event, nameOf);
      if (!headline) return;
      const incident = await deps.store.getIncident(change.event.incidentId);
      if (incident) await queue(incident, change.event.id, headline);
    }
  };

  const unsubscribe = deps.feed.subscribe((change) => {
    chain = chain.then(() => handle(change)).catch(deps.onError);
  });
  return { idle: () => chain, stop: unsubscribe };
}

/**
 * Posts an `msteams.post` row: the incident as it is now (a confidential one redacted), with the
 * change's headline. A failure that may pass is tried again with a growing delay, at most
 * `TEAMS_MAX_ATTEMPTS` times; the outcome goes on the incident's timeline (`msteams.posted` or
 * `msteams.failed` with the reason, never the webhook URL).
 */
export function createTeamsPostHandler(deps: Omit<TeamsPosterDeps, 'onError'>): JobHandler {
  return async (job, now) => {
    const channelId = String(job.payload.channelId);
    const headline = String(job.payload.headline);
    const incident = job.incidentId ? await deps.store.getIncident(job.incidentId) : undefined;
    const channel = deps.channels.byId(channelId);
    if (!incident) return;
    const record = (type: 'msteams.posted' | 'msteams.failed', data: Record<string, unknown>) =>
      commitAndPublish(deps, now, async (changes) => {
        await changes.timeline(incident.id, type, { type: 'system', id: 'msteams' }, { channel: channelId, headline, ...data });
      });
    if (!channel) {
      await record('msteams.failed', { error: 'the channel is no longer set up' });
      return;
    }
    const service = await deps.store.getService(incident.serviceId);
    const client = incident.clientId ? await deps.store.getClientRecord(incident.clientId) : undefined;
    const card = {
      incident,
      headline,
      serviceName: service?.name ?? incident.serviceId,
      clientName: client?.client.name ?? null,
      incidentUrl: deps.incidentUrl(incident.id),
    };
    const result = await deps.teams.postIncident(channel.webhookUrl, card, now);
    if (result.ok) return void (await record('msteams.posted', { redacted: incident.confidential }));
    // Claiming a row counts it as an attempt: this run is attempt number `job.attempts`.
    const attempts = Math.max(1, job.attempts);
    if (result.retryable && attempts < TEAMS_MAX_ATTEMPTS) {
      const wait = result.retryAfterMs ?? Math.min(300_000, 5_000 * 2 ** (attempts - 1));
      await commitAndPublish(deps, now, async (changes) => {
        await changes.tx.upsertJob({ ...job, attempts, dueAt: new Date(now.getTime() + wait) });
        changes.dueAts.push(new Date(now.getTime() + wait));
      });
      return;
    }
    await record('msteams.failed', { error: result.error, attempts });
  };
}
