import { inject, type InjectionKey } from 'vue';
import { browserZone } from './time-zone.js';

/** What the clock store needs from the outside world; tests provide a manual clock and a map for storage. */
export interface ClockServices {
  /** Where the viewer's settings are kept (localStorage in a browser); null keeps them for this page only. */
  storage: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** The present instant. */
  now: () => Date;
  /** The browser's zone. */
  browserZone: () => string;
  /** Calls `fn` every `ms` milliseconds; returns a function that stops it. */
  every: (ms: number, fn: () => void) => () => void;
}

/** The injection key of the clock services; without one the store uses the browser's real ones. */
export const ClockServicesKey: InjectionKey<ClockServices> = Symbol('klaxon.clock-services');

/** The real clock services of a browser page (any of the console, the phone app and the wall screen). */
export function browserClockServices(): ClockServices {
  let storage: ClockServices['storage'] = null;
  try {
    storage = typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    // A sandboxed page may refuse localStorage; settings then last for the page only.
  }
  return {
    storage,
    now: () => new Date(),
    browserZone,
    every: (ms, fn) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
  };
}

/** Returns the provided clock services, or the browser's real ones (called in the store's setup). */
export function useClockServices(): ClockServices {
  return inject(ClockServicesKey, null) ?? browserClockServices();
}
