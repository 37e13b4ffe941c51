import { SlackBlockActionsPayloadSchema, SlackSlashCommandSchema } from '../../../shared/schemas/slack.js';
import type { SlackButtonPress, SlackCommand } from '../../app/slack/slack-inbox.js';

/** A payload Klaxon cannot use, with the field that is wrong. */
export interface PayloadProblem {
  field: string;
  message: string;
}

function problemOf(issues: readonly { path: PropertyKey[]; message: string }[]): PayloadProblem {
  const issue = issues[0]!;
  const field = issue.path.map(String).join('.') || 'payload';
  return { field, message: `${field}: ${issue.message}` };
}

/**
 * Reads an interaction payload (Socket Mode's `interactive` envelope body, or the request URL's
 * `payload` form field, parsed): the button presses of a `block_actions` payload. Other interaction
 * types answer no presses; a malformed one a problem naming the field.
 */
export function buttonPressesOf(payload: unknown): { ok: true; presses: SlackButtonPress[] } | { ok: false; problem: PayloadProblem } {
  if (typeof payload !== 'object' || payload === null) return { ok: false, problem: { field: 'payload', message: 'payload: expected an object' } };
  if ((payload as { type?: unknown }).type !== 'block_actions') return { ok: true, presses: [] };
  const parsed = SlackBlockActionsPayloadSchema.safeParse(payload);
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error.issues) };
  const p = parsed.data;
  const channelId = p.channel?.id ?? p.container?.channel_id ?? null;
  const slackTeamId = p.user.team_id ?? p.team?.id ?? null;
  return {
    ok: true,
    presses: p.actions.map((a) => ({ slackUserId: p.user.id, slackTeamId, channelId, actionId: a.action_id, value: a.value ?? '' })),
  };
}

/** Reads a slash command (Socket Mode's `slash_commands` body, or the request URL's form fields). */
export function slashCommandOf(body: unknown): { ok: true; command: SlackCommand } | { ok: false; problem: PayloadProblem } {
  const parsed = SlackSlashCommandSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: problemOf(parsed.error.issues) };
  const c = parsed.data;
  return { ok: true, command: { slackUserId: c.user_id, slackTeamId: c.team_id ?? null, channelId: c.channel_id ?? null, text: c.text } };
}
