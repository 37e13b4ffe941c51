/** One pressed Klaxon button, from either transport (Socket Mode or the request URL). */
export interface SlackButtonPress {
  slackUserId: string;
  slackTeamId: string | null;
  /** Where the button was pressed (the refusal goes there, visible only to the presser). */
  channelId: string | null;
  actionId: string;
  /** The incident id (or, for Read, the page id). */
  value: string;
}

/** A `/klaxon …` slash command, from either transport. */
export interface SlackCommand {
  slackUserId: string;
  slackTeamId: string | null;
  channelId: string | null;
  /** What followed the command, e.g. `link ABCD-EFGH`. */
  text: string;
}

/**
 * What Slack's transports hand incoming presses and commands to. A press is answered in Slack itself
 * (the message updates, or an ephemeral refusal); a command answers the text Slack shows only to
 * the person who sent it.
 */
export interface SlackInbox {
  press(press: SlackButtonPress): Promise<void>;
  command(command: SlackCommand): Promise<string>;
}
