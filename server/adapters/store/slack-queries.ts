import type { SlackLinkCodeRecord, SlackLinkRecord, SlackMessageRecord } from '../../app/ports/slack-store.js';
import type { Db } from './database.js';
import { isoOf } from './json.js';

/** The message that shows an incident in Slack (see `SlackMessageRecord`). */
export interface SlackMessagesTable {
  incident_id: string;
  channel: string;
  ts: string;
  seq: number | string;
}

/** A person's linked Slack account. */
export interface SlackLinksTable {
  user_id: string;
  slack_user_id: string;
  slack_team_id: string | null;
  linked_at: string;
}

/** A one-time link code, by its SHA-256. */
export interface SlackLinkCodesTable {
  code_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** The message of an incident, if one was posted. */
export async function getSlackMessage(db: Db, incidentId: string): Promise<SlackMessageRecord | undefined> {
  const row = await db.selectFrom('slack_messages').selectAll().where('incident_id', '=', incidentId).executeTakeFirst();
  return row ? { incidentId: row.incident_id, channel: row.channel, ts: row.ts, seq: Number(row.seq) } : undefined;
}

/** Adds or replaces the message of an incident. */
export async function putSlackMessage(db: Db, record: SlackMessageRecord): Promise<void> {
  const values = { incident_id: record.incidentId, channel: record.channel, ts: record.ts, seq: record.seq };
  await db
    .insertInto('slack_messages')
    .values(values)
    .onConflict((oc) => oc.column('incident_id').doUpdateSet({ channel: values.channel, ts: values.ts, seq: values.seq }))
    .execute();
}

function toLink(row: SlackLinksTable): SlackLinkRecord {
  return { userId: row.user_id, slackUserId: row.slack_user_id, slackTeamId: row.slack_team_id, linkedAt: new Date(row.linked_at) };
}

/** A person's link. */
export async function getSlackLinkOfUser(db: Db, userId: string): Promise<SlackLinkRecord | undefined> {
  const row = await db.selectFrom('slack_links').selectAll().where('user_id', '=', userId).executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/** The link of a Slack account. */
export async function getSlackLinkBySlackUser(db: Db, slackUserId: string): Promise<SlackLinkRecord | undefined> {
  const row = await db.selectFrom('slack_links').selectAll().where('slack_user_id', '=', slackUserId).executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/** Links a person, replacing their earlier link and any other link of the same Slack account. */
export async function putSlackLink(db: Db, record: SlackLinkRecord): Promise<void> {
  await db
    .deleteFrom('slack_links')
    .where((eb) => eb.or([eb('user_id', '=', record.userId), eb('slack_user_id', '=', record.slackUserId)]))
    .execute();
  await db
    .insertInto('slack_links')
    .values({
      user_id: record.userId,
      slack_user_id: record.slackUserId,
      slack_team_id: record.slackTeamId,
      linked_at: isoOf(record.linkedAt, 'slack_links.linked_at'),
    })
    .execute();
}

/** Removes a person's link; true when there was one. */
export async function deleteSlackLink(db: Db, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('slack_links').where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Stores a link code, replacing the person's earlier ones. */
export async function putSlackLinkCode(db: Db, record: SlackLinkCodeRecord): Promise<void> {
  await db.deleteFrom('slack_link_codes').where('user_id', '=', record.userId).execute();
  await db
    .insertInto('slack_link_codes')
    .values({
      code_hash: record.codeHash,
      user_id: record.userId,
      created_at: isoOf(record.createdAt, 'slack_link_codes.created_at'),
      expires_at: isoOf(record.expiresAt, 'slack_link_codes.expires_at'),
    })
    .execute();
}

/** Uses up a code: deletes it (so two uses cannot both win) and answers its person unless it had expired. */
export async function takeSlackLinkCode(db: Db, codeHash: string, now: Date): Promise<string | undefined> {
  const row = await db.selectFrom('slack_link_codes').selectAll().where('code_hash', '=', codeHash).executeTakeFirst();
  if (!row) return undefined;
  const deleted = await db.deleteFrom('slack_link_codes').where('code_hash', '=', codeHash).executeTakeFirst();
  if (Number(deleted.numDeletedRows) !== 1) return undefined;
  return new Date(row.expires_at).getTime() > now.getTime() ? row.user_id : undefined;
}
