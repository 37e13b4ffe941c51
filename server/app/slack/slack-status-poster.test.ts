import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { makeIncident } from '../../adapters/store/contract/fixtures.js';
import type { SlackMessageRecord } from '../ports/slack-store.js';
import { createSlackStatusPoster } from './slack-status-poster.js';

const incident = (overrides: Partial<Incident> = {}): Incident => ({ ...makeIncident({ summary: 'Disk full on db-1' }), seq: 1, ...overrides });

function setup(messages: Record<string, SlackMessageRecord>, channels = { default: undefined as string | undefined, services: { 'core-network': 'C-NET' } as Record<string, string>, teams: {} }) {
  const calls: { channel: string; text: string; threadTs: string | undefined }[] = [];
  const post = createSlackStatusPoster({
    store: { getSlackMessage: async (id: string) => messages[id] },
    api: {
      postMessage: async (channel, message, options) => {
        calls.push({ channel, text: message.text, threadTs: options?.threadTs });
        return { channel, ts: '1.0' };
      },
    },
    channels,
  });
  return { post, calls };
}

describe('the Slack status poster', () => {
  it('replies in the thread of the incident\'s channel message', async () => {
    const one = incident();
    const { post, calls } = setup({ [one.id]: { incidentId: one.id, channel: 'C-OTHER', ts: '171.5', seq: 1 } });
    expect(await post(one, '*[Identified]* fix coming')).toBe(true);
    expect(calls).toEqual([{ channel: 'C-OTHER', text: '*[Identified]* fix coming', threadTs: '171.5' }]);
  });

  it('posts in the service\'s channel when the incident has no message there yet, and sends nothing without a channel', async () => {
    const { post, calls } = setup({});
    expect(await post(incident(), 'update')).toBe(true);
    expect(calls).toEqual([{ channel: 'C-NET', text: 'update', threadTs: undefined }]);
    const none = setup({}, { default: undefined, services: {}, teams: {} });
    expect(await none.post(incident(), 'update')).toBe(false);
    expect(none.calls).toEqual([]);
  });
});
