import { WebClient } from '@slack/web-api';
import type { Log } from '../log/create-logger.js';
import { type SlackApi, type SlackMessage, SlackRefusal } from '../../app/ports/slack-api.js';
import { slackLogger } from './slack-logger.js';

/** What the Slack Web API client needs. */
export interface SlackClientOptions {
  botToken: string;
  /** The Web API base URL (`…/api/`); Slack's own when absent. */
  apiUrl?: string;
  log: Log;
  /** How long one call may take, in ms. */
  timeoutMs?: number;
}

/** Slack's base URL must end with a slash: method names are appended to it. */
function withSlash(url: string): string {
  return url.endsWith('/') ? url : `${url}/`;
}

/**
 * Slack's error codes that no retry mends (https://api.slack.com/methods/chat.postMessage#errors and
 * chat.update): the channel, the bot's place in it, the token, the message or the payload is wrong.
 */
const PERMANENT = new Set([
  'channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'not_authed', 'account_inactive',
  'token_revoked', 'token_expired', 'no_permission', 'missing_scope', 'restricted_action', 'message_not_found',
  'cant_update_message', 'edit_window_closed', 'msg_too_long', 'invalid_blocks', 'team_access_not_granted',
]);

/**
 * The error a failed call throws: the method and Slack's error code, never the token or the payload
 * (a `SlackRefusal` when the code is one no retry mends).
 */
function callFailed(method: string, error: unknown): Error {
  const data = (error as { data?: { error?: unknown } }).data;
  const slackCode = typeof data?.error === 'string' ? data.error : undefined;
  const message = `slack ${method} failed: ${slackCode ?? (error instanceof Error ? error.message : String(error))}`;
  return slackCode && PERMANENT.has(slackCode) ? new SlackRefusal(message, slackCode, { cause: error }) : new Error(message, { cause: error });
}

/**
 * The Slack Web API through the official `@slack/web-api` client (its `slackApiUrl` points at a
 * local fake in tests): few quick retries, the SDK's rate-limit handling, and errors that name the
 * method and Slack's error code only.
 */
export function createSlackClient(options: SlackClientOptions): SlackApi & { readonly web: WebClient } {
  const web = new WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: withSlash(options.apiUrl) } : {}),
    logger: slackLogger(options.log, 'web-api'),
    timeout: options.timeoutMs ?? 10_000,
    retryConfig: { retries: 2, factor: 2, minTimeout: 200, maxTimeout: 2_000 },
  });
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw callFailed(method, error);
    }
  };
  return {
    web,
    async postMessage(channel: string, message: SlackMessage, options?: { threadTs?: string }) {
      const thread = options?.threadTs ? { thread_ts: options.threadTs } : {};
      const answer = await call('chat.postMessage', () => web.chat.postMessage({ channel, text: message.text, blocks: message.blocks as never, unfurl_links: false, ...thread }));
      if (!answer.ts || !answer.channel) throw new Error('slack chat.postMessage answered without channel or ts');
      return { channel: answer.channel, ts: answer.ts };
    },
    async updateMessage(channel: string, ts: string, message: SlackMessage) {
      await call('chat.update', () => web.chat.update({ channel, ts, text: message.text, blocks: message.blocks as never }));
    },
    async postEphemeral(channel: string, slackUserId: string, text: string) {
      await call('chat.postEphemeral', () => web.chat.postEphemeral({ channel, user: slackUserId, text }));
    },
    async openDirectMessage(slackUserId: string) {
      const answer = await call('conversations.open', () => web.conversations.open({ users: slackUserId }));
      const id = answer.channel?.id;
      if (!id) throw new Error('slack conversations.open answered without a channel');
      return id;
    },
    async whoAmI() {
      const answer = await call('auth.test', () => web.auth.test());
      return { team: answer.team ?? '', teamId: answer.team_id ?? '', botUserId: answer.user_id ?? '' };
    },
  };
}
