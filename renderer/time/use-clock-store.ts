import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { CLOCK_PREFS_KEY, type ClockPrefs, parseClockPrefs, resolveZone } from './clock-prefs.js';
import { useClockServices } from './clock-services.js';

/**
 * The viewer's clock: their zone and 12/24-hour settings (kept in this browser and applied live on
 * every screen) and a `now` that ticks each second so relative times and ages move on their own.
 */
export const useClockStore = defineStore('clock', () => {
  const services = useClockServices();
  const prefs = ref<ClockPrefs>(parseClockPrefs(services.storage?.getItem(CLOCK_PREFS_KEY) ?? null));
  const now = shallowRef<Date>(services.now());
  const browser = ref(services.browserZone());
  let stop: (() => void) | null = null;

  /** The zone times are shown in away from team pages. */
  const zone = computed(() => resolveZone(prefs.value, browser.value));

  /** The zone times are shown in on a team's page whose zone is `teamZone`. */
  function zoneFor(teamZone?: string | null): string {
    return resolveZone(prefs.value, browser.value, teamZone);
  }

  /** Changes the settings and keeps them for next time. */
  function setPrefs(change: Partial<ClockPrefs>): void {
    prefs.value = parseClockPrefs(JSON.stringify({ ...prefs.value, ...change }));
    services.storage?.setItem(CLOCK_PREFS_KEY, JSON.stringify(prefs.value));
  }

  /** Reads the present instant again (the ticker calls this each second). */
  function tick(): void {
    now.value = services.now();
  }

  /** Starts the once-a-second tick; safe to call more than once. */
  function start(): void {
    stop ??= services.every(1000, tick);
  }

  /** Stops the tick (tests, and pages that are torn down). */
  function halt(): void {
    stop?.();
    stop = null;
  }

  start();
  return { prefs, now, browser, zone, zoneFor, setPrefs, tick, start, halt };
});
