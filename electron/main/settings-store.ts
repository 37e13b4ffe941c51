import Store from 'electron-store';
import type { HostSettings } from '../../shared/ipc.js';
import { applySettingsPatch, type HostSettingsPatchSchema, readHostSettings } from './host-settings.js';
import type { CipherSlot } from './token-vault.js';
import type { z } from 'zod';

/** What the desktop app keeps on disk (electron-store's JSON file in the user-data folder). */
interface StoredState {
  settings?: unknown;
  /** The login token, encrypted with safeStorage, as base64. */
  tokenCipher?: string;
}

/** The desktop app's persistent settings and the slot for the encrypted token. */
export interface SettingsStore {
  get(): HostSettings;
  save(patch: z.infer<typeof HostSettingsPatchSchema>): HostSettings;
  readonly tokenSlot: CipherSlot;
}

/**
 * Opens the settings file. Settings are validated with HostSettingsSchema on every read, so a bad
 * file falls back to defaults field by field instead of breaking the app.
 */
export function createSettingsStore(fallbackRelayUrl?: string): SettingsStore {
  const store = new Store<StoredState>({ name: 'klaxon', clearInvalidConfig: true });
  const get = (): HostSettings => readHostSettings(store.get('settings'), fallbackRelayUrl);
  return {
    get,
    save(patch) {
      const next = applySettingsPatch(get(), patch);
      store.set('settings', next);
      return next;
    },
    tokenSlot: {
      get: () => {
        const value = store.get('tokenCipher');
        return typeof value === 'string' ? value : undefined;
      },
      set: (base64) => store.set('tokenCipher', base64),
      delete: () => store.delete('tokenCipher'),
    },
  };
}
