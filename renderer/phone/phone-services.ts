import { inject, type InjectionKey } from 'vue';
import type { OpenDeviceLink } from './device-link.js';
import type { PhoneApi } from './phone-api.js';
import type { Ringer } from './ringer.js';

/** Where the phone keeps its device token between launches (localStorage; a fake in tests). */
export type PhoneStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The outside world as the phone app's stores see it. */
export interface PhoneServices {
  api: PhoneApi;
  openLink: OpenDeviceLink;
  ringer: Ringer;
  storage: PhoneStorage;
}

/** The injection key of the phone services. */
export const PhoneServicesKey: InjectionKey<PhoneServices> = Symbol('klaxon.phone-services');

/** Returns the phone services provided at app level (stores call it in their setup function). */
export function usePhoneServices(): PhoneServices {
  const services = inject(PhoneServicesKey, null);
  if (!services) throw new Error('Phone services are not provided: call app.provide(PhoneServicesKey, …) first');
  return services;
}
