import { expect, it } from 'vitest';
import type { ContractContext } from './context.js';
import { at } from './fixtures.js';

/** Slack: an incident's message, linked accounts (one each way) and one-time link codes. */
export function slackContract(ctx: ContractContext): void {
  it('keeps and replaces the message of an incident', async () => {
    expect(await ctx.store.getSlackMessage('inc-1')).toBeUndefined();
    await ctx.store.putSlackMessage({ incidentId: 'inc-1', channel: 'C1', ts: '1.000100', seq: 3 });
    await ctx.store.putSlackMessage({ incidentId: 'inc-1', channel: 'C1', ts: '1.000100', seq: 7 });
    expect(await ctx.store.getSlackMessage('inc-1')).toEqual({ incidentId: 'inc-1', channel: 'C1', ts: '1.000100', seq: 7 });
  });

  it('links one Slack account to one person, replacing older links either way, and unlinks', async () => {
    await ctx.store.putSlackLink({ userId: 'alice', slackUserId: 'U1', slackTeamId: 'T1', linkedAt: at(0) });
    await ctx.store.putSlackLink({ userId: 'bob', slackUserId: 'U1', slackTeamId: null, linkedAt: at(10) });
    expect(await ctx.store.getSlackLinkOfUser('alice')).toBeUndefined();
    expect(await ctx.store.getSlackLinkBySlackUser('U1')).toEqual({ userId: 'bob', slackUserId: 'U1', slackTeamId: null, linkedAt: at(10) });
    await ctx.store.putSlackLink({ userId: 'bob', slackUserId: 'U2', slackTeamId: null, linkedAt: at(20) });
    expect(await ctx.store.getSlackLinkBySlackUser('U1')).toBeUndefined();
    expect((await ctx.store.getSlackLinkOfUser('bob'))?.slackUserId).toBe('U2');
    expect(await ctx.store.deleteSlackLink('bob')).toBe(true);
    expect(await ctx.store.deleteSlackLink('bob')).toBe(false);
    expect(await ctx.store.getSlackLinkOfUser('bob')).toBeUndefined();
  });

  it('uses a link code once, only before it expires, and a new code replaces the old', async () => {
    await ctx.store.putSlackLinkCode({ codeHash: 'h1', userId: 'alice', createdAt: at(0), expiresAt: at(600) });
    await ctx.store.putSlackLinkCode({ codeHash: 'h2', userId: 'alice', createdAt: at(10), expiresAt: at(610) });
    expect(await ctx.store.takeSlackLinkCode('h1', at(20))).toBeUndefined();
    expect(await ctx.store.takeSlackLinkCode('h2', at(20))).toBe('alice');
    expect(await ctx.store.takeSlackLinkCode('h2', at(21))).toBeUndefined();
    await ctx.store.putSlackLinkCode({ codeHash: 'h3', userId: 'bob', createdAt: at(0), expiresAt: at(600) });
    expect(await ctx.store.takeSlackLinkCode('h3', at(600))).toBeUndefined();
  });
}
