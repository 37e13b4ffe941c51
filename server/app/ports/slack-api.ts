/** A Slack message as Klaxon posts it: fallback text (notifications, screen readers) and Block Kit blocks. */
export interface SlackMessage {
  text: string;
  blocks: readonly Record<string, unknown>[];
}

/**
 * Slack refused a call for a reason trying again cannot mend (the channel is gone or the bot is not
 * in it, the token was revoked, the message was deleted): `code` is Slack's error code.
 */
export class SlackRefusal extends Error {
  override readonly name = 'SlackRefusal';
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The part of Slack's Web API Klaxon uses (the official `@slack/web-api` client implements it in
 * `adapters/slack/slack-client.ts`). Every method throws an Error naming the call when Slack refuses
 * it or cannot be reached — a `SlackRefusal` when trying again cannot help; the bot token never
 * appears in the message.
 */
export interface SlackApi {
  /** `chat.postMessage`: answers the conversation id and the message's `ts`; `threadTs` posts it as a reply in that message's thread. */
  postMessage(channel: string, message: SlackMessage, options?: { threadTs?: string }): Promise<{ channel: string; ts: string }>;
  /** `chat.update` of a message the bot posted. */
  updateMessage(channel: string, ts: string, message: SlackMessage): Promise<void>;
  /** `chat.postEphemeral`: a message only `slackUserId` sees, in `channel`. */
  postEphemeral(channel: string, slackUserId: string, text: string): Promise<void>;
  /** `conversations.open`: the direct-message conversation with a person. */
  openDirectMessage(slackUserId: string): Promise<string>;
  /** `auth.test`: the workspace and bot the token belongs to. */
  whoAmI(): Promise<{ team: string; teamId: string; botUserId: string }>;
}
