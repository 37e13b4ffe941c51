import Store from 'electron-store';
import type { HostSettings } from '../../shared/ipc.js';
import { applySettingsPatch, type HostSettingsPatchSchema, readHostSettings } from './host-settings.js';
import type { CipherSlot } from './token-vault.js';
import type { z } from 'zod';
import { type DesktopState, readDesktopState } from './desktop-state.js';

/** What the desktop app keeps on disk (electron-store's JSON file in the user-data folder). */
interface StoredState {
  settings?: unknown;
  /** The login token, encrypted with safeStorage, as base64. */
  tokenCipher?: string;
  /** Window places and the wallboard window's choices (desktop-state.ts). */
  desktop?: unknown;
  /** The wallboard token, encrypted with safeStorage, as base64. */
  wallboardTokenCipher?: string;
}

/** The desktop app's persistent settings and the slot for the encrypted token. */
export interface SettingsStore {
  get(): HostSettings;
  save(patch: z.infer<typeof HostSettingsPatchSchema>): HostSettings;
  readonly tokenSlot: CipherSlot;
  /** Window places and the wallboard window's choices, checked field by field on every read. */
  getDesktop(): DesktopState;
  saveDesktop(next: DesktopState): void;
  readonly wallboardTokenSlot: CipherSlot;
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
    getDesktop: () => readDesktopState(store.get('desktop')),
    saveDesktop: (next) => store.set('desktop', next),
    wallboardTokenSlot: {
      get: () => {
        const value = store.get('wallboardTokenCipher');
        return typeof value === 'string' ? value : undefined;
      },
      set: (base64) => store.set('wallboardTokenCipher', base64),
      delete: () => store.delete('wallboardTokenCipher'),
    },
  };
}
