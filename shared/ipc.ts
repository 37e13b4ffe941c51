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

/** A display the wallboard window can be put on, as the console lists them. */
export const DisplayChoiceSchema = z.object({ id: z.number().int(), name: z.string(), primary: z.boolean() });
export type DisplayChoice = z.infer<typeof DisplayChoiceSchema>;

/** Opens the desktop wallboard window with a manager's wallboard link, on a display, in kiosk mode or not. */
export const WallboardWindowRequestSchema = z
  .object({
    link: z.url().max(2048),
    displayId: z.number().int().nullable().optional(),
    kiosk: z.boolean().optional(),
    openAtStart: z.boolean().optional(),
  })
  .strict();
export type WallboardWindowRequest = z.infer<typeof WallboardWindowRequestSchema>;

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
  /** Desktop only: the displays the wallboard window can go on. */
  listDisplays?(): Promise<DisplayChoice[]>;
  /** Desktop only: opens (or moves) the wallboard window and remembers the choice. */
  openWallboard?(request: WallboardWindowRequest): Promise<void>;
  /** Desktop only: closes the wallboard window and stops opening it at start. */
  closeWallboard?(): Promise<void>;
  /** Desktop only: starts single sign-on at `relayUrl` in the system browser (see docs/sso.md). */
  startSso?(relayUrl: string): Promise<void>;
  /** Desktop only: how a single sign-on ended; on success the token is in the vault already. */
  onSsoResult?(listener: (result: DesktopSsoResult) => void): () => void;
}

/** How a desktop single sign-on ended: signed in at `relayUrl` (the token is kept), or why not. */
export type DesktopSsoResult = { ok: true; relayUrl: string } | { ok: false; error: string };

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
  listDisplays: 'displays:list',
  openWallboard: 'wallboard:open',
  closeWallboard: 'wallboard:close',
  startSso: 'sso:start',
  ssoResult: 'sso:result',
} as const;
