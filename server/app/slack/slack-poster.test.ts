import { describe, expect, it, vi } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { makeIncident } from '../../adapters/store/contract/fixtures.js';
import type { Log } from '../../adapters/log/create-logger.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import { type SlackApi, SlackRefusal } from '../ports/slack-api.js';
import type { SlackMessageRecord } from '../ports/slack-store.js';
import type { Store } from '../ports/store.js';
import { createSlackPoster } from './slack-poster.js';

const log = { info: vi.fn(), warn: vi.fn(), error: vi.fn() } as unknown as Log;

function setup(options: { failures?: number; refuse?: { post?: string; update?: string } } = {}) {
  const clock = createManualClock();
  const feed = createIncidentFeed();
  const incidents = new Map<string, Incident>();
  const messages = new Map<string, SlackMessageRecord>();
  const store = {
    getIncident: async (id: string) => incidents.get(id),
    listOpenIncidents: async () => [...incidents.values()].filter((i) => i.status !== 'resolved'),
    getSlackMessage: async (id: string) => messages.get(id),
    putSlackMessage: async (record: SlackMessageRecord) => void messages.set(record.incidentId, record),
  } as unknown as Store;
  let failuresLeft = options.failures ?? 0;
  const posts: string[] = [];
  const updates: string[] = [];
  const api = {
    postMessage: async (channel: string, message: { text: string }) => {
      if (options.refuse?.post) throw new SlackRefusal(`slack chat.postMessage failed: ${options.refuse.post}`, options.refuse.post);
      if (failuresLeft > 0) {
        failuresLeft--;
        throw new Error('chat.postMessage: slack is down');
      }
      posts.push(message.text);
      return { channel, ts: `ts-${posts.length}` };
    },
    updateMessage: async (_channel: string, _ts: string, message: { text: string }) => {
      if (options.refuse?.update) throw new SlackRefusal(`slack chat.update failed: ${options.refuse.update}`, options.refuse.update);
      updates.push(message.text);
    },
  } as unknown as SlackApi;
  const errors: string[] = [];
  const poster = createSlackPoster({
    store,
    feed,
    api,
    clock,
    log,
    channels: { default: 'C-NOC', services: {}, teams: {} },
    render: async (incident) => ({ text: `${incident.summary} (${incident.status})`, blocks: [] }),
    retryDelays: [10_000, 60_000],
    onError: (message) => errors.push(message),
  });
  const open = (incident: Incident) => {
    incidents.set(incident.id, incident);
    feed.publish([{ type: 'incident:created', incident }]);
  };
  return { clock, feed, incidents, messages, poster, posts, updates, errors, open };
}

const incident = (overrides: Partial<Incident> = {}): Incident => ({ ...makeIncident({ summary: 'Disk full on db-1' }), seq: 1, ...overrides });

describe('the Slack poster', () => {
  it('retries a failed post with growing waits until Slack takes it, then posts once', async () => {
    const { clock, poster, posts, errors, open, messages } = setup({ failures: 2 });
    const one = incident();
    open(one);
    await poster.idle();
    expect(posts).toEqual([]);
    expect(errors).toEqual(['chat.postMessage: slack is down']);

    clock.advance(9_999);
    await poster.idle();
    expect(errors).toHaveLength(1);
    clock.advance(1);
    await poster.idle();
    expect(errors).toHaveLength(2);

    // The second failure waits the next delay, 60 s.
    clock.advance(59_999);
    await poster.idle();
    expect(posts).toEqual([]);
    clock.advance(1);
    await poster.idle();
    expect(posts).toEqual(['Disk full on db-1 (triggered)']);
    expect(messages.get(one.id)).toMatchObject({ channel: 'C-NOC', ts: 'ts-1', seq: 1 });

    // Nothing is left waiting: no second post.
    clock.advance(600_000);
    await poster.idle();
    expect(posts).toHaveLength(1);
    expect(clock.pending()).toBe(0);
    poster.stop();
  });

  it('does not retry what Slack refused for good (the channel is gone): the next change of the incident tries again', async () => {
    const { clock, poster, posts, errors, open, feed, incidents } = setup({ refuse: { post: 'channel_not_found' } });
    const one = incident();
    open(one);
    await poster.idle();
    expect(errors).toEqual(['slack chat.postMessage failed: channel_not_found']);
    // No retry waits: an hour later nothing more was tried.
    expect(clock.pending()).toBe(0);
    clock.advance(3_600_000);
    await poster.idle();
    expect(errors).toHaveLength(1);
    // The incident changes: one more try, refused again, and still no retry timer.
    const acked = { ...one, status: 'acknowledged' as const, seq: 2 };
    incidents.set(one.id, acked);
    feed.publish([{ type: 'incident:updated', incident: acked }]);
    await poster.idle();
    expect(errors).toHaveLength(2);
    expect(clock.pending()).toBe(0);
    expect(posts).toEqual([]);
    poster.stop();
  });

  it('posts a new message when the old one was deleted (chat.update: message_not_found)', async () => {
    const { poster, posts, messages, open, feed, incidents } = setup({ refuse: { update: 'message_not_found' } });
    const one = incident();
    open(one);
    await poster.idle();
    expect(posts).toEqual(['Disk full on db-1 (triggered)']);
    const acked = { ...one, status: 'acknowledged' as const, seq: 2 };
    incidents.set(one.id, acked);
    feed.publish([{ type: 'incident:updated', incident: acked }]);
    await poster.idle();
    expect(posts).toEqual(['Disk full on db-1 (triggered)', 'Disk full on db-1 (acknowledged)']);
    expect(messages.get(one.id)).toMatchObject({ ts: 'ts-2', seq: 2 });
    poster.stop();
  });

  it('catches up on start: posts the unposted and updates the stale, leaves the current alone', async () => {
    const { poster, posts, updates, incidents, messages } = setup();
    const unposted = incident({ id: 'inc-a', summary: 'A' });
    const stale = incident({ id: 'inc-b', summary: 'B', status: 'acknowledged', seq: 3 });
    const current = incident({ id: 'inc-c', summary: 'C', seq: 2 });
    for (const i of [unposted, stale, current]) incidents.set(i.id, i);
    messages.set('inc-b', { incidentId: 'inc-b', channel: 'C-NOC', ts: 'old-b', seq: 2 });
    messages.set('inc-c', { incidentId: 'inc-c', channel: 'C-NOC', ts: 'old-c', seq: 2 });

    await poster.sweep();
    await poster.idle();
    expect(posts).toEqual(['A (triggered)']);
    expect(updates).toEqual(['B (acknowledged)']);
    expect(messages.get('inc-b')?.seq).toBe(3);
    poster.stop();
  });

  it('stops retrying once stopped', async () => {
    const { clock, poster, posts, open } = setup({ failures: 1 });
    open(incident());
    await poster.idle();
    poster.stop();
    expect(clock.pending()).toBe(0);
    clock.advance(600_000);
    await poster.idle();
    expect(posts).toEqual([]);
  });
});
