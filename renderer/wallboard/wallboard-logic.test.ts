import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createApp } from 'vue';
import type { WallboardStats } from '../../shared/schemas/wallboard.js';
import { WallboardError, type FetchWallboard } from './wallboard-api.js';
import { readWallboardFragment, wallboardLink } from './wallboard-fragment.js';
import { nextPollDelay } from './poll-delay.js';
import { useWallboardStore, WallboardDepsKey } from './use-wallboard-store.js';

describe('readWallboardFragment', () => {
  it('reads the token, relay, rotation and first panel from the fragment', () => {
    expect(readWallboardFragment('#token=kwb_abc&relay=https://relay.example/klaxon/&rotate=30&panel=trends', 'app://console')).toEqual({
      token: 'kwb_abc',
      relayUrl: 'https://relay.example/klaxon',
      rotateSeconds: 30,
      panel: 'trends',
    });
  });

  it('falls back to the page origin and defaults for missing or bad values', () => {
    expect(readWallboardFragment('#relay=javascript:alert(1)&rotate=-4&panel=nope', 'http://127.0.0.1:7300')).toEqual({
      token: null,
      relayUrl: 'http://127.0.0.1:7300',
      rotateSeconds: 20,
      panel: 'attention',
    });
    expect(readWallboardFragment('', 'http://x').rotateSeconds).toBe(20);
    expect(readWallboardFragment('#rotate=0', 'http://x').rotateSeconds).toBe(0);
  });

  it('builds the link a manager hands out, round-tripping the token', () => {
    const link = wallboardLink('http://127.0.0.1:7300/', 'kwb_a+b/c');
    expect(link).toBe('http://127.0.0.1:7300/wallboard#token=kwb_a%2Bb%2Fc');
    expect(readWallboardFragment(new URL(link).hash, 'http://127.0.0.1:7300').token).toBe('kwb_a+b/c');
  });
});

describe('nextPollDelay', () => {
  it('polls every 5 s while healthy, backs off to 30 s while away, and waits longest when refused', () => {
    expect(nextPollDelay(0, false)).toBe(5000);
    expect([1, 2, 3, 4, 5, 9].map((n) => nextPollDelay(n, false))).toEqual([2000, 4000, 8000, 16000, 30000, 30000]);
    expect(nextPollDelay(1, true)).toBe(30000);
  });
});

describe('useWallboardStore', () => {
  const stats = { generatedAt: '2026-11-28T14:00:00.000Z' } as WallboardStats;

  function setup(fetchStats: FetchWallboard, hash = '#token=kwb_t') {
    const pinia = createPinia();
    let clock = 0;
    createApp({})
      .provide(WallboardDepsKey, { setup: readWallboardFragment(hash, 'http://relay'), fetchStats, now: () => new Date(clock++ * 1000) })
      .use(pinia);
    setActivePinia(pinia);
    return useWallboardStore();
  }

  it('keeps the last statistics through an outage and recovers on its own', async () => {
    const answers: Array<() => Promise<WallboardStats>> = [
      async () => stats,
      async () => { throw new WallboardError('unreachable', 'away'); },
      async () => { throw new WallboardError('unreachable', 'away'); },
      async () => ({ ...stats, generatedAt: '2026-11-28T14:01:00.000Z' }),
    ];
    const calls: string[] = [];
    const store = setup(async (relayUrl, token) => {
      calls.push(`${relayUrl} ${token}`);
      return answers.shift()!();
    });
    expect(store.link).toBe('connecting');
    expect(await store.refresh()).toBe(5000);
    expect(store.link).toBe('live');
    expect(await store.refresh()).toBe(2000);
    expect(await store.refresh()).toBe(4000);
    expect(store.link).toBe('offline');
    expect(store.stats).toEqual(stats);
    expect(store.failingSince).toEqual(new Date(1000));
    expect(await store.refresh()).toBe(5000);
    expect(store.link).toBe('live');
    expect(store.stats?.generatedAt).toBe('2026-11-28T14:01:00.000Z');
    expect(store.failingSince).toBeNull();
    expect(calls).toEqual(Array(4).fill('http://relay kwb_t'));
  });

  it('says when the link is refused or has no token, and rotates panels', async () => {
    const refused = setup(async () => {
      throw new WallboardError('unauthorized', 'no');
    });
    expect(await refused.refresh()).toBe(30000);
    expect(refused.link).toBe('refused');
    expect([refused.panel, (refused.nextPanel(), refused.panel), (refused.nextPanel(), refused.panel), (refused.nextPanel(), refused.panel)]).toEqual([
      'attention',
      'on-call',
      'trends',
      'attention',
    ]);
    const none = setup(async () => stats, '');
    expect(none.link).toBe('no-token');
    await none.refresh();
    expect(none.stats).toBeNull();
  });
});
