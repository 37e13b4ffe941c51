import { describe, expect, it, vi } from 'vitest';
import type { Log } from '../../adapters/log/create-logger.js';
import type { SlackApi } from '../ports/slack-api.js';
import type { Store } from '../ports/store.js';
import { createSlackInboxHandler, NOT_KNOWN_TEXT, UNLINKED_TEXT } from './slack-inbox-handler.js';
import type { SlackLinks } from './slack-links.js';

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Log;

function setup(options: { linked?: boolean; role?: string } = {}) {
  const ephemerals: { channel: string; user: string; text: string }[] = [];
  const api: SlackApi = {
    postMessage: vi.fn(),
    updateMessage: vi.fn(),
    openDirectMessage: vi.fn(),
    whoAmI: vi.fn(),
    postEphemeral: async (channel, user, text) => void ephemerals.push({ channel, user, text }),
  };
  const store = {
    getSlackLinkBySlackUser: async (id: string) => (options.linked && id === 'U1' ? { userId: 'bob', slackUserId: 'U1', slackTeamId: null, linkedAt: new Date() } : undefined),
    getUser: async (id: string) => (id === 'bob' ? { id: 'bob', name: 'Bob', role: options.role ?? 'triage-analyst' } : undefined),
    findUserDeactivation: async () => undefined,
    getIncident: async () => undefined,
  } as unknown as Store;
  const actions = {
    acknowledge: vi.fn(async () => ({ ok: true as const, value: { changed: 1 } })),
    resolve: vi.fn(async () => ({ ok: false as const, error: { code: 'not_found' as const, message: 'no incident inc-1' } })),
  };
  const links = { redeem: vi.fn(async (code: string) => (code === 'GOOD-CODE' ? 'Bob' : undefined)), unlink: vi.fn(async () => true) } as unknown as SlackLinks;
  const inbox = createSlackInboxHandler({ store, api, links, actions, escalateNow: vi.fn(), pageRead: vi.fn(), log });
  return { inbox, ephemerals, actions, links };
}

const press = (actionId: string, user = 'U1') => ({ slackUserId: user, slackTeamId: 'T1', channelId: 'C1', actionId, value: 'inc-1' });

describe('the Slack inbox', () => {
  it('refuses an unlinked Slack user ephemerally and runs no command', async () => {
    const { inbox, ephemerals, actions } = setup();
    await inbox.press(press('klaxon.acknowledge', 'U9'));
    expect(ephemerals).toEqual([{ channel: 'C1', user: 'U9', text: UNLINKED_TEXT }]);
    expect(actions.acknowledge).not.toHaveBeenCalled();
  });

  it('runs the command as the linked person and stays quiet on success', async () => {
    const { inbox, ephemerals, actions } = setup({ linked: true });
    await inbox.press(press('klaxon.acknowledge'));
    expect(actions.acknowledge).toHaveBeenCalledWith({ userId: 'bob', role: 'triage-analyst', address: 'slack' }, ['inc-1']);
    expect(ephemerals).toEqual([]);
  });

  it('says no more than "you may not" when the incident is not known to the person', async () => {
    const { inbox, ephemerals } = setup({ linked: true });
    await inbox.press(press('klaxon.resolve'));
    expect(ephemerals).toEqual([{ channel: 'C1', user: 'U1', text: NOT_KNOWN_TEXT }]);
  });

  it('refuses escalating to a role that may not act, and ignores the Open link button', async () => {
    const { inbox, ephemerals } = setup({ linked: true, role: 'threat-researcher' });
    await inbox.press(press('klaxon.escalate'));
    expect(ephemerals[0]!.text).toContain('escalating needs a role');
    await inbox.press(press('klaxon.open'));
    expect(ephemerals).toHaveLength(1);
  });

  it('links with /klaxon link CODE, and explains itself otherwise', async () => {
    const { inbox, links } = setup();
    expect(await inbox.command({ slackUserId: 'U1', slackTeamId: 'T1', channelId: 'C1', text: 'link GOOD-CODE' })).toContain('act as Bob');
    expect(links.redeem).toHaveBeenCalledWith('GOOD-CODE', { slackUserId: 'U1', slackTeamId: 'T1' });
    expect(await inbox.command({ slackUserId: 'U1', slackTeamId: 'T1', channelId: 'C1', text: 'link BAD' })).toContain('unknown, used or expired');
    expect(await inbox.command({ slackUserId: 'U1', slackTeamId: 'T1', channelId: 'C1', text: '' })).toContain('/klaxon link CODE');
    expect(await inbox.command({ slackUserId: 'U9', slackTeamId: null, channelId: null, text: 'unlink' })).toBe('Your Slack account is not linked to Klaxon.');
  });
});
