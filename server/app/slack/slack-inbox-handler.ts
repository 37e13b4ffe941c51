import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { IncidentActions } from '../incidents/incident-actions.js';
import { escalationRefusal } from '../incidents/incident-access.js';
import type { SlackApi } from '../ports/slack-api.js';
import type { Store } from '../ports/store.js';
import type { SlackButtonPress, SlackCommand, SlackInbox } from './slack-inbox.js';
import { SLACK_COMMAND, type SlackLinks } from './slack-links.js';
import { TEST_PAGE_PREFIX } from '../push/test-page.js';

/** What a press of each Klaxon button does (the `action_id`s of `adapters/slack/incident-blocks.ts`). */
const ACTIONS = {
  'klaxon.acknowledge': 'acknowledge',
  'klaxon.resolve': 'resolve',
  'klaxon.escalate': 'escalate',
  'klaxon.read': 'read',
} as const;
type ButtonAction = (typeof ACTIONS)[keyof typeof ACTIONS];

/** The refusal an unlinked Slack user sees (only they see it); nothing changes in Klaxon. */
export const UNLINKED_TEXT = `Your Slack account is not linked to a Klaxon account, so Klaxon did nothing. Open My account in the Klaxon console, choose "Link Slack account" and send the ${SLACK_COMMAND} link command it shows; then press the button again.`;

/** The refusal for an incident the person may not know (or that does not exist): it says no more than that. */
export const NOT_KNOWN_TEXT = 'Klaxon refused: you may not act on this incident (it is confidential and you are not on its need-to-know list, or it no longer exists).';

const USAGE = `Klaxon commands: \`${SLACK_COMMAND} link CODE\` links your Slack account (get the code from My account in the Klaxon console); \`${SLACK_COMMAND} unlink\` removes the link.`;

/** What the Slack inbox needs: the same commands the console and phones use. */
export interface SlackInboxDeps {
  store: Store;
  api: SlackApi;
  links: SlackLinks;
  actions: Pick<IncidentActions, 'acknowledge' | 'resolve'>;
  /** The escalator's "escalate now" (console and phone use it too). */
  escalateNow(userId: string, incidentId: string): Promise<CommandResult<undefined>>;
  /** Marks a person's page read (the Read button of a direct-message page). */
  pageRead(userId: string, pageId: string): Promise<CommandResult<undefined>>;
  log: Log;
}

/**
 * Handles Klaxon's Slack buttons and `/klaxon` commands. A press acts as the Slack user's linked
 * Klaxon person, through the same app commands (and so the same role and need-to-know checks) as
 * the console; an unlinked or deactivated person, a role that may not, or an incident the person may
 * not know gets an ephemeral refusal in the channel and nothing changes. Success shows as the
 * incident's message updating (the poster follows the feed).
 */
export function createSlackInboxHandler(deps: SlackInboxDeps): SlackInbox {
  const { store, api, log } = deps;
  const tell = async (press: SlackButtonPress, text: string) => {
    if (!press.channelId) return log.warn({ action: press.actionId }, 'slack: a refusal had no channel to go to');
    await api.postEphemeral(press.channelId, press.slackUserId, text).catch((error: unknown) => log.warn({ err: error }, 'slack: could not post a refusal'));
  };

  const run = async (action: ButtonAction, who: { userId: string; role: Parameters<typeof escalationRefusal>[1]['role'] }, value: string) => {
    switch (action) {
      case 'acknowledge':
        return deps.actions.acknowledge({ ...who, address: 'slack' }, [value]);
      case 'resolve':
        return deps.actions.resolve({ ...who, address: 'slack' }, [value]);
      case 'escalate': {
        const refusal = await escalationRefusal(store, who, await store.getIncident(value));
        if (refusal === 'forbidden') return { ok: false as const, error: { code: 'forbidden' as const, message: `escalating needs a role that may act on incidents; you are ${who.role}` } };
        if (refusal) return { ok: false as const, error: { code: 'not_found' as const, message: 'no such incident' } };
        const result = await deps.escalateNow(who.userId, value);
        return result.ok ? { ok: true as const, value: { changed: 1 } } : result;
      }
      case 'read': {
        const result = await deps.pageRead(who.userId, value);
        return result.ok ? { ok: true as const, value: { changed: 1 } } : result;
      }
    }
  };

  return {
    async press(press) {
      const action = ACTIONS[press.actionId as keyof typeof ACTIONS];
      // "Open in Klaxon" is a URL button: Slack opens it, and tells the app, which has nothing to do.
      if (!action) return;
      if (!press.value || press.value.length > 200) return tell(press, 'Klaxon could not read that button (no incident id).');
      if (action === 'read' && press.value.startsWith(TEST_PAGE_PREFIX)) return tell(press, 'That was a test page: Klaxon can reach you here. Nothing to mark read.');
      const link = await store.getSlackLinkBySlackUser(press.slackUserId);
      const user = link && (await store.getUser(link.userId));
      if (!user) return tell(press, UNLINKED_TEXT);
      if (await store.findUserDeactivation(user.id)) return tell(press, 'Klaxon refused: your Klaxon account is deactivated.');
      const result = await run(action, { userId: user.id, role: user.role }, press.value);
      if (!result.ok) {
        log.info({ userId: user.id, action, code: result.error.code }, 'slack: a button press was refused');
        return tell(press, result.error.code === 'not_found' ? NOT_KNOWN_TEXT : `Klaxon refused: ${result.error.message}`);
      }
      if (result.value.changed === 0) return tell(press, `Nothing to do: the incident is already ${action === 'acknowledge' ? 'acknowledged or resolved' : 'resolved'}.`);
    },

    async command(command: SlackCommand) {
      const [verb = '', arg = '', ...rest] = command.text.trim().split(/\s+/);
      if (verb.toLowerCase() === 'link' && arg && rest.length === 0) {
        const name = await deps.links.redeem(arg, { slackUserId: command.slackUserId, slackTeamId: command.slackTeamId });
        return name
          ? `Linked: Klaxon buttons you press in Slack now act as ${name}, and Klaxon can page you here by direct message.`
          : 'That code is unknown, used or expired. Get a new one from My account in the Klaxon console (codes work for 10 minutes).';
      }
      if (verb.toLowerCase() === 'unlink' && !arg) {
        const link = await store.getSlackLinkBySlackUser(command.slackUserId);
        if (!link) return 'Your Slack account is not linked to Klaxon.';
        await deps.links.unlink(link.userId, { actorId: link.userId, address: 'slack' });
        return 'Unlinked: Klaxon buttons you press in Slack no longer act for you.';
      }
      return USAGE;
    },
  };
}
