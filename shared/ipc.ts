import { z } from 'zod';

/** Settings the desktop host keeps for the console (electron-store on the desktop). */
export const HostSettingsSchema = z.object({
  relayUrl: z.url().default('http://127.0.0.1:7300'),
  soundMuted: z.boolean().default(false),
});
export type HostSettings = z.infer<typeof HostSettingsSchema>;

/** `klaxon://incident/<id>` and similar links the host forwards to the console. */
export const DeepLinkSchema = z.object({ kind: z.literal('incident'), id: z.string().min(1) });
export type DeepLink = z.infer<typeof DeepLinkSchema>;

/**
 * The bridge the Electron preload exposes to the renderer as `window.klaxon`: named functions only,
 * and pushes return an unsubscribe function. The browser build provides the same shape itself.
 */
export interface HostBridge {
  /** Where the console runs: the desktop app or a plain browser. */
  readonly kind: 'electron' | 'browser';
  getSettings(): Promise<HostSettings>;
  saveSettings(settings: Partial<HostSettings>): Promise<HostSettings>;
  /** Keeps the login token (Electron: safeStorage; browser: this session only). */
  saveToken(token: string): Promise<void>;
  loadToken(): Promise<string | null>;
  clearToken(): Promise<void>;
  /** Shows the unread high-priority count on the tray icon. */
  setUnreadHighCount(count: number): void;
  /** Shows a native notification; clicking it opens the incident. */
  notify(notification: { title: string; body: string; incidentId: string }): void;
  onDeepLink(listener: (link: DeepLink) => void): () => void;
}

/** IPC channel names between preload and main, one per bridge function. */
export const IpcChannel = {
  getSettings: 'settings:get',
  saveSettings: 'settings:save',
  saveToken: 'token:save',
  loadToken: 'token:load',
  clearToken: 'token:clear',
  setUnreadHighCount: 'tray:unread-high',
  notify: 'notification:show',
  deepLink: 'deep-link',
} as const;
