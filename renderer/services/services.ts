import { inject, type InjectionKey } from 'vue';
import type { HostBridge } from '../../shared/ipc.js';
import type { RelayApi } from './relay-api.js';
import type { OpenRelayLink } from './socket.js';

/** The outside world as the console's stores see it; main.ts provides the real ones, tests fakes. */
export interface ConsoleServices {
  host: HostBridge;
  api: RelayApi;
  openLink: OpenRelayLink;
  /** The current time; a parameter so tests can pin it. */
  now: () => Date;
}

/** The app-level injection key of the console services. */
export const ServicesKey: InjectionKey<ConsoleServices> = Symbol('klaxon.services');

/**
 * Returns the services provided at app level. Pinia runs setup stores inside the app's injection
 * context, so stores call this in their setup function.
 */
export function useServices(): ConsoleServices {
  const services = inject(ServicesKey, null);
  if (!services) throw new Error('Console services are not provided: call app.provide(ServicesKey, …) before using a store');
  return services;
}
