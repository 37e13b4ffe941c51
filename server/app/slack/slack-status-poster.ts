import type { Incident } from '../../../shared/schemas/incident.js';
import { slackChannelFor, type SlackChannelMap } from '../../core/slack/channel-for.js';
import type { SlackApi } from '../ports/slack-api.js';
import type { Store } from '../ports/store.js';

/**
 * Posts a stakeholder status update's text to Slack for an incident; resolves false when the incident
 * has no Slack channel (nothing was sent), throws when Slack refuses or cannot be reached.
 */
export type SlackStatusPoster = (incident: Incident, text: string) => Promise<boolean>;

/** What the status poster needs. */
export interface SlackStatusPosterDeps {
  store: Pick<Store, 'getSlackMessage'>;
  api: Pick<SlackApi, 'postMessage'>;
  channels: SlackChannelMap;
}

/**
 * Creates the Slack side of status updates: the update is a reply in the thread of the incident's
 * channel message, so the channel's readers find it under the incident; an incident not posted yet
 * gets it as a message of its own in the channel its service or team posts to.
 */
export function createSlackStatusPoster(deps: SlackStatusPosterDeps): SlackStatusPoster {
  return async (incident, text) => {
    const posted = await deps.store.getSlackMessage(incident.id);
    const channel = posted?.channel ?? slackChannelFor(deps.channels, incident);
    if (!channel) return false;
    await deps.api.postMessage(channel, { text, blocks: [] }, posted ? { threadTs: posted.ts } : undefined);
    return true;
  };
}
