import type { HostBridge } from '../../shared/ipc.js';
import { createBrowserHost } from './browser-host.js';

const BASE_TITLE = 'Klaxon console';

/**
 * Returns the host the console runs in: the desktop app's bridge (`window.klaxon`, from the Electron
 * preload) when present, else a browser implementation of the same contract.
 */
export function resolveHost(win: Window & { Notification?: typeof Notification } = window): HostBridge {
  if (win.klaxon) return win.klaxon;
  return createBrowserHost({
    settingsStorage: win.localStorage,
    tokenStorage: win.sessionStorage,
    notifications: win.Notification,
    showUnreadCount: (count) => {
      win.document.title = count > 0 ? `(${count}) ${BASE_TITLE}` : BASE_TITLE;
    },
  });
}

/**
 * Picks the relay address to offer on the sign-in form: the page's own origin when the relay served
 * the page over http(s), otherwise (Electron's `app://`, a file) the address kept in settings.
 */
export function defaultRelayUrl(location: Pick<Location, 'protocol' | 'origin'>, savedRelayUrl: string): string {
  if (location.protocol === 'http:' || location.protocol === 'https:') return location.origin;
  return savedRelayUrl;
}
