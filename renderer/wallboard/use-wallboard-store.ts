import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref } from 'vue';
import type { WallboardStats } from '../../shared/schemas/wallboard.js';
import { WallboardError, type FetchWallboard } from './wallboard-api.js';
import { PANELS, type WallboardSetup } from './wallboard-fragment.js';
import { nextPollDelay } from './poll-delay.js';

/** What the wallboard store needs from the page: its set-up, the statistics reader and the time. */
export interface WallboardDeps {
  setup: WallboardSetup;
  fetchStats: FetchWallboard;
  now: () => Date;
}

/** The injection key of the wallboard's dependencies; main.ts provides the real ones. */
export const WallboardDepsKey: InjectionKey<WallboardDeps> = Symbol('klaxon.wallboard');

/** Where the wallboard stands with the relay. */
export type WallboardLink = 'connecting' | 'live' | 'offline' | 'refused' | 'no-token';

/**
 * The wallboard's state: the latest statistics (kept while the relay is away, so the screen never
 * goes blank), the link state and since when it failed, and the panel on show. `refresh` makes one
 * request and returns how long to wait before the next; the page runs the loop.
 */
export const useWallboardStore = defineStore('wallboard', () => {
  const deps = inject(WallboardDepsKey, null);
  if (!deps) throw new Error('Wallboard dependencies are not provided: app.provide(WallboardDepsKey, …)');

  const stats = ref<WallboardStats | null>(null);
  const link = ref<WallboardLink>(deps.setup.token ? 'connecting' : 'no-token');
  const failures = ref(0);
  const failingSince = ref<Date | null>(null);
  const lastUpdated = ref<Date | null>(null);
  const panelIndex = ref(Math.max(0, PANELS.indexOf(deps.setup.panel)));
  const panel = computed(() => PANELS[panelIndex.value % PANELS.length]!);

  /** Fetches the statistics once and returns the delay before the next attempt, in ms. */
  async function refresh(): Promise<number> {
    const token = deps!.setup.token;
    if (!token) {
      link.value = 'no-token';
      return nextPollDelay(0, true);
    }
    try {
      stats.value = await deps!.fetchStats(deps!.setup.relayUrl, token);
      lastUpdated.value = deps!.now();
      link.value = 'live';
      failures.value = 0;
      failingSince.value = null;
      return nextPollDelay(0, false);
    } catch (error) {
      failures.value += 1;
      failingSince.value ??= deps!.now();
      const refused = error instanceof WallboardError && error.kind === 'unauthorized';
      link.value = refused ? 'refused' : 'offline';
      return nextPollDelay(failures.value, refused);
    }
  }

  /** Shows the next panel. */
  function nextPanel(): void {
    panelIndex.value = (panelIndex.value + 1) % PANELS.length;
  }

  return { setup: deps.setup, stats, link, failures, failingSince, lastUpdated, panel, refresh, nextPanel };
});
