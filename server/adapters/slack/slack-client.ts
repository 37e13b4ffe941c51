import { WebClient } from '@slack/web-api';
import type { Log } from '../log/create-logger.js';
import type { SlackApi, SlackMessage } from '../../app/ports/slack-api.js';
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

/** The error a failed call throws: the method and Slack's error code, never the token or the payload. */
function callFailed(method: string, error: unknown): Error {
  const data = (error as { data?: { error?: unknown } }).data;
  const code = typeof data?.error === 'string' ? data.error : error instanceof Error ? error.message : String(error);
  return new Error(`slack ${method} failed: ${code}`, { cause: error });
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
