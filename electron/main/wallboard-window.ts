import { BrowserWindow, powerSaveBlocker, screen } from 'electron';
import type { DisplayChoice, WallboardWindowRequest } from '../../shared/ipc.js';
import type { WallboardWindowSettings } from './desktop-state.js';
import { chooseWallboardDisplay, describeDisplays } from './display-choice.js';
import { parseWallboardLink, wallboardPageUrl } from './wallboard-link.js';
import { restoreBounds } from './window-state.js';
import { wallboardWebPreferences } from './web-preferences.js';

/** Where the wallboard window keeps its choices and its (encrypted) token. */
export interface WallboardWindowDeps {
  appOrigin: string;
  settings(): WallboardWindowSettings;
  saveSettings(patch: Partial<WallboardWindowSettings>): void;
  loadToken(): string | null;
  saveToken(token: string): void;
  clearToken(): void;
}

/** The desktop wallboard window: one at most, on the chosen display, kiosk or windowed. */
export interface WallboardWindow {
  listDisplays(): DisplayChoice[];
  /** Opens the window (or moves it); without a request it reopens the remembered wallboard. */
  open(request?: WallboardWindowRequest): void;
  close(): void;
}

/** Creates the wallboard window controller. */
export function createWallboardWindow(deps: WallboardWindowDeps): WallboardWindow {
  let window: BrowserWindow | null = null;
  let blocker: number | null = null;

  const displays = () => screen.getAllDisplays().map((d) => ({ id: d.id, label: d.label, bounds: d.bounds }));

  function place(win: BrowserWindow, settings: WallboardWindowSettings): void {
    const primary = screen.getPrimaryDisplay();
    const target = chooseWallboardDisplay(displays(), primary.id, settings.displayId) ?? { id: primary.id, label: primary.label, bounds: primary.bounds };
    win.setKiosk(false);
    win.setFullScreen(false);
    const bounds = settings.kiosk ? target.bounds : restoreBounds(settings.bounds, displays(), target, { width: 1280, height: 800 });
    win.setBounds(bounds);
    // Kiosk (and full screen) apply to the display the window is on, so it is moved first.
    if (settings.kiosk) win.setKiosk(true);
  }

  function create(url: string, settings: WallboardWindowSettings): void {
    window = new BrowserWindow({
      title: 'Klaxon wallboard',
      backgroundColor: '#020617',
      autoHideMenuBar: true,
      show: false,
      webPreferences: wallboardWebPreferences(),
    });
    const win = window;
    // The wallboard has no bridge and goes nowhere: no navigation, no pop-ups.
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    win.once('ready-to-show', () => win.show());
    // Nobody is at the keyboard: the screen must not go to sleep while the wallboard shows.
    blocker = powerSaveBlocker.start('prevent-display-sleep');
    win.on('close', () => {
      if (!win.isKiosk() && !win.isFullScreen()) deps.saveSettings({ bounds: win.getBounds() });
    });
    win.on('closed', () => {
      if (blocker !== null) powerSaveBlocker.stop(blocker);
      blocker = null;
      window = null;
    });
    place(win, settings);
    void win.loadURL(url);
  }

  return {
    listDisplays: () => describeDisplays(displays(), screen.getPrimaryDisplay().id),
    open(request) {
      if (request) {
        const target = parseWallboardLink(request.link);
        if (!target) throw new Error('not a wallboard link: expected https://<relay>/wallboard#token=kwb_…');
        deps.saveToken(target.token);
        deps.saveSettings({
          relayUrl: target.relayUrl,
          ...(request.displayId !== undefined ? { displayId: request.displayId } : {}),
          ...(request.kiosk !== undefined ? { kiosk: request.kiosk } : {}),
          ...(request.openAtStart !== undefined ? { openAtStart: request.openAtStart } : {}),
        });
      }
      const settings = deps.settings();
      const token = deps.loadToken();
      if (!settings.relayUrl || !token) throw new Error('no wallboard chosen yet: open one from the console (Wallboards)');
      const url = wallboardPageUrl(deps.appOrigin, { relayUrl: settings.relayUrl, token });
      if (window) {
        place(window, settings);
        if (window.webContents.getURL() !== url) void window.loadURL(url);
        window.show();
        return;
      }
      create(url, settings);
    },
    close() {
      deps.saveSettings({ openAtStart: false });
      window?.close();
    },
  };
}
