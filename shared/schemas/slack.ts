import { z } from 'zod';

const SlackIdSchema = z.string().regex(/^[A-Z0-9]{2,40}$/, 'use a Slack id such as U0123ABCD');

/** One pressed button of a Block Kit `block_actions` payload (the parts Klaxon reads). */
export const SlackBlockActionSchema = z.object({
  action_id: z.string().min(1).max(255),
  value: z.string().max(2_000).optional(),
});

/** Slack's `block_actions` interaction payload (button presses), the parts Klaxon reads. */
export const SlackBlockActionsPayloadSchema = z.object({
  type: z.literal('block_actions'),
  user: z.object({ id: SlackIdSchema, team_id: SlackIdSchema.optional() }),
  team: z.object({ id: SlackIdSchema }).nullable().optional(),
  channel: z.object({ id: SlackIdSchema }).optional(),
  container: z.object({ channel_id: SlackIdSchema.optional() }).optional(),
  actions: z.array(SlackBlockActionSchema).min(1).max(25),
});
export type SlackBlockActionsPayload = z.infer<typeof SlackBlockActionsPayloadSchema>;

/** A slash command as Slack sends it (form fields; the parts Klaxon reads). */
export const SlackSlashCommandSchema = z.object({
  command: z.string().min(2).max(100),
  text: z.string().max(2_000).default(''),
  user_id: SlackIdSchema,
  team_id: SlackIdSchema.optional(),
  channel_id: SlackIdSchema.optional(),
});
export type SlackSlashCommand = z.infer<typeof SlackSlashCommandSchema>;

/** A person's Slack link as the console shows it. */
export const SlackLinkStatusSchema = z.object({
  /** Whether this relay has a Slack app connection at all. */
  available: z.boolean(),
  linked: z.boolean(),
  slackUserId: z.string().nullable(),
  linkedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type SlackLinkStatus = z.infer<typeof SlackLinkStatusSchema>;

/** A new one-time link code: the person sends `/klaxon link <code>` to the Klaxon app in Slack. */
export const SlackLinkCodeSchema = z.object({
  code: z.string(),
  command: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type SlackLinkCode = z.infer<typeof SlackLinkCodeSchema>;

/** The Slack connection as an admin sees it. */
export const SlackConnectionStatusSchema = z.object({
  configured: z.boolean(),
  /** How button presses reach the relay. */
  modes: z.array(z.enum(['socket', 'request-url'])),
  /** Whether the Socket Mode connection is open now (false without Socket Mode). */
  socketConnected: z.boolean(),
  /** The workspace the bot token belongs to, once `auth.test` answered. */
  workspace: z.string().nullable(),
  channels: z.object({
    default: z.string().nullable(),
    services: z.record(z.string(), z.string()),
    teams: z.record(z.string(), z.string()),
  }),
  /** The last error a post or update met, if any (no secrets). */
  lastError: z.string().nullable(),
});
export type SlackConnectionStatus = z.infer<typeof SlackConnectionStatusSchema>;
