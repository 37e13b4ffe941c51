import type { Incident } from '../../../shared/schemas/incident.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { slackChannelFor, type SlackChannelMap } from '../../core/slack/channel-for.js';
import type { IncidentFeed } from '../feed/incident-feed.js';
import type { SlackApi, SlackMessage } from '../ports/slack-api.js';
import type { Store } from '../ports/store.js';

/** Renders the channel message of an incident (`incidentMessage` over the incident's names and URL). */
export type RenderIncident = (incident: Incident) => Promise<SlackMessage>;

/** What the poster needs. */
export interface SlackPosterDeps {
  store: Store;
  feed: IncidentFeed;
  api: SlackApi;
  channels: SlackChannelMap;
  render: RenderIncident;
  log: Log;
  /** Hears of each failed post or update (the status card shows the last one). */
  onError?: (message: string) => void;
}

/** The running poster. */
export interface SlackPoster {
  /** Resolves once every change heard so far has been posted (tests). */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * Follows the incident feed and keeps one Slack message per incident in the channel configured for
 * its service or team: posts it when the incident is first heard of (storing the message's `ts`),
 * then `chat.update`s it as the incident changes. Changes of one incident are handled in order, one
 * at a time, from the store's current row (so a burst of changes makes few calls, and an older change
 * never overwrites a newer message). A failed call is logged; the next change of the incident tries
 * again.
 */
export function createSlackPoster(deps: SlackPosterDeps): SlackPoster {
  const { store, api, log } = deps;
  const queues = new Map<string, Promise<void>>();
  const pending = new Set<string>();

  const sync = async (incidentId: string) => {
    pending.delete(incidentId);
    const incident = await store.getIncident(incidentId);
    if (!incident) return;
    const posted = await store.getSlackMessage(incidentId);
    if (posted && posted.seq >= incident.seq) return;
    const message = await deps.render(incident);
    if (posted) {
      await api.updateMessage(posted.channel, posted.ts, message);
      await store.putSlackMessage({ ...posted, seq: incident.seq });
      return;
    }
    const channel = slackChannelFor(deps.channels, incident);
    if (!channel) return;
    const sent = await api.postMessage(channel, message);
    await store.putSlackMessage({ incidentId, channel: sent.channel, ts: sent.ts, seq: incident.seq });
  };

  const follow = (incidentId: string) => {
    // A change that arrives while one is waiting is covered by it: the sync reads the newest row.
    if (pending.has(incidentId)) return;
    pending.add(incidentId);
    const previous = queues.get(incidentId) ?? Promise.resolve();
    const next = previous
      .then(() => sync(incidentId))
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        deps.onError?.(message);
        log.warn({ err: error, incidentId }, 'slack: posting an incident failed');
      })
      .finally(() => {
        if (queues.get(incidentId) === next) queues.delete(incidentId);
      });
    queues.set(incidentId, next);
  };

  const unsubscribe = deps.feed.subscribe((change) => {
    if (change.type === 'incident:created' || change.type === 'incident:updated') follow(change.incident.id);
  });
  return {
    async idle() {
      while (queues.size) await Promise.all([...queues.values()]);
    },
    stop: unsubscribe,
  };
}
