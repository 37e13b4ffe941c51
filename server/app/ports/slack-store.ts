/** The Slack message that shows one incident in its channel (updated as the incident changes). */
export interface SlackMessageRecord {
  incidentId: string;
  /** The conversation id Slack answered the post with. */
  channel: string;
  /** The message's timestamp, Slack's id for it. */
  ts: string;
  /** The incident's sequence number the message last showed (older changes are not shown again). */
  seq: number;
}

/** A Klaxon person's linked Slack account. */
export interface SlackLinkRecord {
  userId: string;
  slackUserId: string;
  /** The Slack workspace (team) id, when Slack said it. */
  slackTeamId: string | null;
  linkedAt: Date;
}

/** A one-time link code as stored: only its SHA-256, never the code. */
export interface SlackLinkCodeRecord {
  codeHash: string;
  userId: string;
  createdAt: Date;
  expiresAt: Date;
}

/** The store's part for Slack: posted messages, linked accounts and link codes. `StoreSession` extends it. */
export interface SlackSession {
  getSlackMessage(incidentId: string): Promise<SlackMessageRecord | undefined>;
  /** Adds or replaces the message of an incident. */
  putSlackMessage(record: SlackMessageRecord): Promise<void>;
  getSlackLinkOfUser(userId: string): Promise<SlackLinkRecord | undefined>;
  getSlackLinkBySlackUser(slackUserId: string): Promise<SlackLinkRecord | undefined>;
  /** Links a person, replacing their previous link and any other person's link of the same Slack account. */
  putSlackLink(record: SlackLinkRecord): Promise<void>;
  /** Removes a person's link; true when there was one. */
  deleteSlackLink(userId: string): Promise<boolean>;
  /** Stores a new link code, replacing the person's earlier ones. */
  putSlackLinkCode(record: SlackLinkCodeRecord): Promise<void>;
  /** Uses up a link code by its hash: the person it was made for when it exists and is not expired at `now`. */
  takeSlackLinkCode(codeHash: string, now: Date): Promise<string | undefined>;
}
