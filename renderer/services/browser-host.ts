import { type DeepLink, type HostBridge, type HostSettings, HostSettingsSchema } from '../../shared/ipc.js';

/** The storage keys the browser host uses. */
export const BrowserHostKeys = { settings: 'klaxon.settings', token: 'klaxon.token' } as const;

/** What the browser host needs from the page; tests pass fakes. */
export interface BrowserHostEnvironment {
  /** Long-lived storage for settings (the page's localStorage). */
  settingsStorage: Pick<Storage, 'getItem' | 'setItem'>;
  /** Storage that ends with the browser session, for the login token (the page's sessionStorage). */
  tokenStorage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;
  /** The Notification API when the browser has one. */
  notifications?: Pick<typeof Notification, 'permission'> & (new (title: string, options?: NotificationOptions) => Notification);
  /** Called to show the unread high-priority count, e.g. in the document title. */
  showUnreadCount?: (count: number) => void;
}

/**
 * Creates the host bridge for the console when it runs in a plain browser: settings in localStorage,
 * the token in sessionStorage (kept for this browser session only), notifications through the
 * Notification API when the user has allowed them. There are no OS deep links in a browser; a click
 * on a notification is delivered to `onDeepLink` listeners instead.
 */
export function createBrowserHost(env: BrowserHostEnvironment): HostBridge {
  const deepLinkListeners = new Set<(link: DeepLink) => void>();

  function readSettings(): HostSettings {
    try {
      const raw = env.settingsStorage.getItem(BrowserHostKeys.settings);
      const parsed = HostSettingsSchema.safeParse(raw ? JSON.parse(raw) : {});
      if (parsed.success) return parsed.data;
    } catch {
      // Unreadable JSON is treated like no settings at all: the defaults apply.
    }
    return HostSettingsSchema.parse({});
  }

  return {
    kind: 'browser',
    async getSettings() {
      return readSettings();
    },
    async saveSettings(settings) {
      const next = HostSettingsSchema.parse({ ...readSettings(), ...settings });
      env.settingsStorage.setItem(BrowserHostKeys.settings, JSON.stringify(next));
      return next;
    },
    async saveToken(token) {
      env.tokenStorage.setItem(BrowserHostKeys.token, token);
    },
    async loadToken() {
      return env.tokenStorage.getItem(BrowserHostKeys.token);
    },
    async clearToken() {
      env.tokenStorage.removeItem(BrowserHostKeys.token);
    },
    setUnreadHighCount(count) {
      env.showUnreadCount?.(count);
    },
    notify({ title, body, incidentId }) {
      const api = env.notifications;
      if (!api || api.permission !== 'granted') return;
      const shown = new api(title, { body, tag: incidentId });
      shown.onclick = () => {
        for (const listener of deepLinkListeners) listener({ kind: 'incident', id: incidentId });
      };
    },
    onDeepLink(listener) {
      deepLinkListeners.add(listener);
      return () => deepLinkListeners.delete(listener);
    },
  };
}
