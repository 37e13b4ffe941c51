import { inject, type InjectionKey } from 'vue';
import { createAlarmSound, type AlarmSound } from './alarm-sound.js';
import { createIncidentApi, type IncidentApi } from './incident-api.js';

/** What the board's stores need from the outside world besides the console services. */
export interface BoardServices {
  api: IncidentApi;
  /** Where saved filters are kept (this console's localStorage in the app). */
  storage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Runs `fn` before the next paint; live updates are applied at most once per frame. */
  nextFrame: (fn: () => void) => void;
  /** The alarm tone for new high priority incidents. */
  sound: AlarmSound;
}

/** The injection key of the board services; the app falls back to the real ones when none is provided. */
export const BoardServicesKey: InjectionKey<BoardServices> = Symbol('klaxon.board-services');

/** Builds the real board services of a browser window. */
export function createBoardServices(window: Window): BoardServices {
  return {
    api: createIncidentApi(),
    storage: window.localStorage,
    nextFrame: (fn) => window.requestAnimationFrame(() => fn()),
    sound: createAlarmSound(() => new AudioContext()),
  };
}

/** Returns the board services provided at app level (stores call this in their setup function). */
export function useBoardServices(): BoardServices {
  const services = inject(BoardServicesKey, null);
  if (!services) throw new Error('Board services are not provided: call app.provide(BoardServicesKey, createBoardServices(window))');
  return services;
}
