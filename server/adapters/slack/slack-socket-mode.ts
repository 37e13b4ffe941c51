import { SocketModeClient } from '@slack/socket-mode';
import type { Log } from '../log/create-logger.js';
import type { SlackInbox } from '../../app/slack/slack-inbox.js';
import { buttonPressesOf, slashCommandOf } from './slack-payloads.js';
import { slackLogger } from './slack-logger.js';

/** A running Socket Mode connection. */
export interface SlackSocketMode {
  /** Whether the WebSocket is open now (Slack said hello). */
  connected(): boolean;
  stop(): Promise<void>;
}

/** An envelope's acknowledgement: Slack re-sends an envelope that is not acknowledged within 3 s. */
type Ack = (response?: Record<string, unknown>) => Promise<void>;

/**
 * Opens Slack's Socket Mode through the official `@slack/socket-mode` client (it asks
 * `apps.connections.open` for the WebSocket URL, so a fake Web API can hand it a local one) and
 * feeds the inbox: `interactive` envelopes (button presses) are acknowledged at once and then
 * handled; `slash_commands` are acknowledged with the command's answer, which Slack shows only to
 * the sender. The connection is opened in the background and reconnects by itself.
 */
export function startSlackSocketMode(options: { appToken: string; apiUrl?: string; log: Log; inbox: SlackInbox }): SlackSocketMode {
  const { log, inbox } = options;
  const client = new SocketModeClient({
    appToken: options.appToken,
    logger: slackLogger(log, 'socket-mode'),
    clientOptions: options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {},
  });
  let open = false;
  client.on('connected', () => {
    open = true;
    log.info('slack: socket mode connected');
  });
  client.on('disconnected', () => {
    open = false;
  });
  client.on('interactive', async ({ ack, body }: { ack: Ack; body: unknown }) => {
    await ack().catch((error: unknown) => log.warn({ err: error }, 'slack: could not acknowledge an interaction'));
    const read = buttonPressesOf(body);
    if (!read.ok) {
      log.warn({ field: read.problem.field }, 'slack: an interaction payload was malformed');
      return;
    }
    for (const press of read.presses) {
      await inbox.press(press).catch((error: unknown) => log.error({ err: error, action: press.actionId }, 'slack: handling a button press failed'));
    }
  });
  client.on('slash_commands', async ({ ack, body }: { ack: Ack; body: unknown }) => {
    const read = slashCommandOf(body);
    const text = read.ok
      ? await inbox.command(read.command).catch((error: unknown) => {
          log.error({ err: error }, 'slack: handling a slash command failed');
          return 'Klaxon could not handle that command; try again.';
        })
      : `Klaxon could not read that command (${read.problem.message}).`;
    await ack({ response_type: 'ephemeral', text }).catch((error: unknown) => log.warn({ err: error }, 'slack: could not answer a slash command'));
  });
  const started = client.start().catch((error: unknown) => log.error({ err: error }, 'slack: socket mode could not connect'));
  return {
    connected: () => open,
    async stop() {
      // A start still retrying must not hold up the relay's shutdown.
      let timer: NodeJS.Timeout | undefined;
      const giveUp = new Promise<void>((resolve) => (timer = setTimeout(resolve, 2_000).unref()));
      await Promise.race([started.then(() => client.disconnect()).catch(() => undefined), giveUp]);
      clearTimeout(timer);
    },
  };
}
