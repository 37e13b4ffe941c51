import type { Incident } from '../../../shared/schemas/incident.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { slackChannelFor, type SlackChannelMap } from '../../core/slack/channel-for.js';
import type { IncidentFeed } from '../feed/incident-feed.js';
import type { Clock, TimerHandle } from '../ports/clock.js';
import { type SlackApi, type SlackMessage, SlackRefusal } from '../ports/slack-api.js';
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
  /** Times the retries of failed posts. */
  clock: Clock;
  /** Waits before each retry of a failed post or update, in ms; the last repeats. */
  retryDelays?: readonly number[];
  /** Hears of each failed post or update (the status card shows the last one). */
  onError?: (message: string) => void;
}

/** The running poster. */
export interface SlackPoster {
  /**
   * Catches up after a start: every open incident whose message is missing or older than the
   * incident (the relay stopped before posting it, or Slack was down) is posted or updated.
   */
  sweep(): Promise<void>;
  /** Resolves once every change heard so far has been posted (tests). */
  idle(): Promise<void>;
  stop(): void;
}

/** The default waits before retries of a failed call: 10 s, 30 s, 1 min, 2 min, then every 5 min. */
export const SLACK_RETRY_DELAYS = [10_000, 30_000, 60_000, 120_000, 300_000] as const;

/**
 * Follows the incident feed and keeps one Slack message per incident in the channel configured for
 * its service or team: posts it when the incident is first heard of (storing the message's `ts`),
 * then `chat.update`s it as the incident changes. Changes of one incident are handled in order, one
 * at a time, from the store's current row (so a burst of changes makes few calls, and an older change
 * never overwrites a newer message). A failed call is logged and retried with growing waits until it
 * goes through (or a newer change does), unless Slack refused it for good (`SlackRefusal`: then the
 * incident's next change tries again; a deleted message is posted anew); `sweep` catches up on what
 * a stopped relay left unposted.
 */
export function createSlackPoster(deps: SlackPosterDeps): SlackPoster {
  const { store, api, log, clock } = deps;
  const delays = deps.retryDelays ?? SLACK_RETRY_DELAYS;
  const queues = new Map<string, Promise<void>>();
  const pending = new Set<string>();
  /** Failed incidents: how many tries failed in a row, and the timer of the next. */
  const retries = new Map<string, { failures: number; timer: TimerHandle }>();
  let stopped = false;

  const sync = async (incidentId: string) => {
    pending.delete(incidentId);
    const incident = await store.getIncident(incidentId);
    if (!incident) return;
    const posted = await store.getSlackMessage(incidentId);
    if (posted && posted.seq >= incident.seq) return;
    // An incident posted nowhere costs no rendering (its names are read from the store).
    const channel = posted ? posted.channel : slackChannelFor(deps.channels, incident);
    if (!channel) return;
    const message = await deps.render(incident);
    if (posted) {
      try {
        await api.updateMessage(posted.channel, posted.ts, message);
        await store.putSlackMessage({ ...posted, seq: incident.seq });
        return;
      } catch (error) {
        // Someone deleted the message (or it may no longer be edited): the incident gets a new one.
        if (!(error instanceof SlackRefusal && (error.code === 'message_not_found' || error.code === 'cant_update_message' || error.code === 'edit_window_closed'))) throw error;
        log.warn({ incidentId, code: error.code }, 'slack: the incident message cannot be updated; posting a new one');
      }
    }
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
      .then(
        () => {
          retries.get(incidentId)?.timer.cancel();
          retries.delete(incidentId);
        },
        (error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          deps.onError?.(message);
          retries.get(incidentId)?.timer.cancel();
          if (error instanceof SlackRefusal) {
            // No retry mends it (the channel is gone, the token revoked…): the incident's next change tries again.
            retries.delete(incidentId);
            log.error({ err: error, incidentId, code: error.code }, 'slack: Slack refused the incident message; not retrying');
            return;
          }
          const failures = (retries.get(incidentId)?.failures ?? 0) + 1;
          const wait = delays[Math.min(failures, delays.length) - 1] ?? 0;
          log.warn({ err: error, incidentId, retryInMs: wait }, 'slack: posting an incident failed');
          if (stopped) return;
          const timer = clock.setTimer(new Date(clock.now().getTime() + wait), () => follow(incidentId));
          retries.set(incidentId, { failures, timer });
        },
      )
      .finally(() => {
        if (queues.get(incidentId) === next) queues.delete(incidentId);
      });
    queues.set(incidentId, next);
  };

  const unsubscribe = deps.feed.subscribe((change) => {
    if (change.type === 'incident:created' || change.type === 'incident:updated') follow(change.incident.id);
  });
  return {
    async sweep() {
      for (const incident of await store.listOpenIncidents()) {
        const posted = await store.getSlackMessage(incident.id);
        if (posted ? posted.seq < incident.seq : slackChannelFor(deps.channels, incident) !== undefined) follow(incident.id);
      }
    },
    async idle() {
      while (queues.size) await Promise.all([...queues.values()]);
    },
    stop() {
      stopped = true;
      unsubscribe();
      for (const retry of retries.values()) retry.timer.cancel();
      retries.clear();
    },
  };
}
