import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Page } from '../../../shared/schemas/page.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import { pageCode, parseSmsReply, voiceKeyAction, type PhoneReplyAction } from '../../core/phone-replies/reply-code.js';
import type { Escalator } from '../escalation/escalator.js';
import { escalationRefusal } from '../incidents/incident-access.js';
import type { Store, UserRecord } from '../ports/store.js';
import type { ReadReports } from '../push/read-reports.js';
import { TEST_PAGE_PREFIX } from '../push/test-page.js';

/** What the phone replies need: the store, and the read/acknowledge/escalate commands of every other channel. */
export interface PhoneReplyDeps {
  store: Store;
  reads: Pick<ReadReports, 'pageRead' | 'fromLink'>;
  escalator: Pick<Escalator, 'escalateNow'>;
}

/** What a call's script should do: read a page and take a key, or say one sentence and hang up. */
export type CallScript = { kind: 'gather'; say: string } | { kind: 'say'; say: string };

const HOW_TO_REPLY = 'Reply 1 (read), 2 (acknowledge) or 3 (can\'t take it), optionally followed by the page\'s code.';

const DONE: Record<PhoneReplyAction, string> = {
  read: 'Klaxon knows you have read the page.',
  acknowledge: 'The incident is acknowledged.',
  decline: 'Understood: the page is passed on to the next responder.',
};

/**
 * Creates the use-cases behind SMS replies and call keypresses. Each ends in the same commands as the
 * phone app and e-mail actions (`pageRead`, read + acknowledge through `fromLink`, escalate now);
 * an unknown sender, an unreadable reply or a code that names no open page gets a clear answer and
 * changes nothing.
 */
export function createPhoneReplies(deps: PhoneReplyDeps) {
  const { store } = deps;

  /** The person whose phone contact is `number` (E.164), if any. */
  const personWithNumber = async (number: string): Promise<UserRecord | undefined> => {
    for (const user of await store.listUsers()) {
      if ((await store.getContacts(user.id))?.phone?.number === number) return user;
    }
    return undefined;
  };

  const carryOut = async (user: UserRecord, page: Page, action: PhoneReplyAction): Promise<CommandResult<undefined>> => {
    if (action === 'acknowledge') return deps.reads.fromLink('acknowledge', page.id);
    const read = await deps.reads.pageRead(user.id, page.id);
    if (!read.ok || action === 'read') return read;
    const refusal = await escalationRefusal(store, { userId: user.id, role: user.role }, await store.getIncident(page.incidentId));
    if (refusal === 'forbidden') return { ok: false, error: { code: 'forbidden', message: `passing a page on needs a role that may act on incidents; you are ${user.role}` } };
    if (refusal) return { ok: false, error: { code: 'not_found', message: 'no such incident' } };
    return deps.escalator.escalateNow(user.id, page.incidentId);
  };

  const answer = (result: CommandResult<undefined>, action: PhoneReplyAction) =>
    result.ok ? DONE[action] : `Klaxon could not do that: ${result.error.message}. Nothing else was changed.`;

  return {
    /**
     * Answers an inbound SMS from `from` (E.164, or anything the provider sends): the reply text to
     * send back. A bare digit applies to the person's newest open SMS page; with a code, to the open
     * page carrying that code.
     */
    async fromSms(from: string, body: string): Promise<string> {
      const user = await personWithNumber(from);
      if (!user) return 'Klaxon does not know this number, so nothing was changed.';
      const reply = parseSmsReply(body);
      if (!reply) return `Klaxon did not understand that. ${HOW_TO_REPLY} Nothing was changed.`;
      const open = await store.listUnreadPages(user.id, 'sms');
      const candidates = reply.code ? open.filter((p) => pageCode(p.id) === reply.code) : open;
      const page = candidates.at(-1);
      if (!page) {
        return reply.code
          ? `Code ${reply.code} matches none of your open pages (it may be read, passed on or resolved already). Nothing was changed.`
          : 'You have no open SMS page. Nothing was changed.';
      }
      return answer(await carryOut(user, page, reply.action), reply.action);
    },

    /**
     * The script of a page's call: the summary (redacted for a confidential incident) and the keys,
     * or a sentence when the page is a test, gone, or already read.
     */
    async callScript(pageId: string): Promise<CallScript> {
      if (pageId.startsWith(TEST_PAGE_PREFIX)) return { kind: 'say', say: 'This is a Klaxon test call. If you can hear this, Klaxon can reach you by phone. Goodbye.' };
      const page = await store.getPage(pageId);
      const incident = page && (await store.getIncident(page.incidentId));
      if (!page || !incident || page.channel !== 'voice') return { kind: 'say', say: 'Klaxon has no such page. Goodbye.' };
      if (!['queued', 'sent', 'delivered'].includes(page.state) || incident.status === 'resolved') {
        return { kind: 'say', say: 'This page is no longer open. Nothing to do. Goodbye.' };
      }
      const serviceName = (await store.getService(incident.serviceId))?.name ?? incident.serviceId;
      const summary = pagedIncident(incident, serviceName).summary;
      return {
        kind: 'gather',
        say: `Klaxon page. ${incident.priority} priority, on ${serviceName}. ${summary}. Press 1 if you have read this. Press 2 to acknowledge the incident. Press 3 to escalate.`,
      };
    },

    /** Carries out the key pressed during a page's call and answers the sentence to say. */
    async fromKey(pageId: string, digits: string): Promise<string> {
      const action = voiceKeyAction(digits);
      if (!action) return 'That key means nothing to Klaxon. Nothing was changed.';
      const page = await store.getPage(pageId);
      const user = page && page.channel === 'voice' ? await store.getUser(page.userId) : undefined;
      if (!page || !user) return 'Klaxon has no such page. Nothing was changed.';
      if (!['queued', 'sent', 'delivered'].includes(page.state)) return 'This page is no longer open. Nothing was changed.';
      const result = await carryOut(user, page, action);
      return result.ok && action === 'decline' ? 'The incident is escalated.' : answer(result, action);
    },
  };
}

/** The phone replies, as `createPhoneReplies` builds them. */
export type PhoneReplies = ReturnType<typeof createPhoneReplies>;
