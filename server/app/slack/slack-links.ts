import { createHash, randomInt } from 'node:crypto';
import type { SlackLinkCode, SlackLinkStatus } from '../../../shared/schemas/slack.js';
import { type AuditTrail, noAuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';

/** How long a link code works. */
export const LINK_CODE_TTL_MS = 10 * 60_000;

/** Letters and digits that cannot be mistaken for one another when typed (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** The slash command people link with. */
export const SLACK_COMMAND = '/klaxon';

function hashOf(code: string): string {
  return createHash('sha256').update(code).digest('hex');
}

/** Normalises what a person typed: upper case, no spaces or dashes. */
function normalise(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/**
 * Linking a person's Slack account to their Klaxon account. The console asks for a one-time code
 * (10 minutes, stored hashed, a new one replaces the old); the person sends `/klaxon link CODE` to the
 * Klaxon app in Slack, which links the Slack user who sent it. Linking and unlinking are audited.
 */
export function createSlackLinks(deps: { store: Store; clock: Clock; available: boolean; audit?: AuditTrail }) {
  const audit = deps.audit ?? noAuditTrail;
  return {
    /** Whether the person has linked an account (and whether Slack is set up at all). */
    async status(userId: string): Promise<SlackLinkStatus> {
      const link = await deps.store.getSlackLinkOfUser(userId);
      return {
        available: deps.available,
        linked: !!link,
        slackUserId: link?.slackUserId ?? null,
        linkedAt: link ? link.linkedAt.toISOString() : null,
      };
    },

    /** A new one-time code for the person, shown as `ABCD-EFGH`. */
    async newCode(userId: string): Promise<SlackLinkCode> {
      const raw = Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
      const now = deps.clock.now();
      const expiresAt = new Date(now.getTime() + LINK_CODE_TTL_MS);
      await deps.store.putSlackLinkCode({ codeHash: hashOf(raw), userId, createdAt: now, expiresAt });
      const code = `${raw.slice(0, 4)}-${raw.slice(4)}`;
      return { code, command: `${SLACK_COMMAND} link ${code}`, expiresAt: expiresAt.toISOString() };
    },

    /**
     * Redeems a code sent from Slack: links that Slack user to the code's person, replacing earlier
     * links either way. Answers the person's name, or undefined for an unknown, used or expired code.
     */
    async redeem(code: string, slack: { slackUserId: string; slackTeamId: string | null }): Promise<string | undefined> {
      const normal = normalise(code);
      if (!/^[A-Z0-9]{8}$/.test(normal)) return undefined;
      const now = deps.clock.now();
      return deps.store.transaction(async (tx) => {
        const userId = await tx.takeSlackLinkCode(hashOf(normal), now);
        const user = userId ? await tx.getUser(userId) : undefined;
        if (!user) return undefined;
        await tx.putSlackLink({ userId: user.id, slackUserId: slack.slackUserId, slackTeamId: slack.slackTeamId, linkedAt: now });
        await audit.record({ action: 'slack.linked', actorId: user.id, subject: { kind: 'user', id: user.id }, details: { slackUserId: slack.slackUserId } }, tx);
        return user.name;
      });
    },

    /** Removes a person's link; true when there was one. */
    async unlink(userId: string, by: { actorId: string; address?: string | null }): Promise<boolean> {
      return deps.store.transaction(async (tx) => {
        const link = await tx.getSlackLinkOfUser(userId);
        if (!link || !(await tx.deleteSlackLink(userId))) return false;
        await audit.record({ action: 'slack.unlinked', actorId: by.actorId, address: by.address ?? null, subject: { kind: 'user', id: userId }, details: { slackUserId: link.slackUserId } }, tx);
        return true;
      });
    },
  };
}

/** Slack account links, as `createSlackLinks` builds them. */
export type SlackLinks = ReturnType<typeof createSlackLinks>;
