import { BrowserWindow, shell } from 'electron';
import { decideNavigation } from './navigation.js';
import { consoleWebPreferences } from './web-preferences.js';

/** Where the main window finds its page and preload. */
export interface MainWindowOptions {
  /** The console's origin (`app://console`). */
  appOrigin: string;
  /** The built preload (`dist/electron/preload.cjs`). */
  preloadPath: string;
}

/** Opens `url` in the system browser when it is an http(s) link; returns whether it did. */
function openOutside(url: string, appOrigin: string): void {
  if (decideNavigation(url, appOrigin) === 'open-external') void shell.openExternal(url);
}

/**
 * Creates the console window: isolated, sandboxed, no Node in the page, and unable to navigate
 * away from the app or open other windows (web links go to the system browser instead).
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Klaxon',
    backgroundColor: '#070b14',
    show: false,
    webPreferences: consoleWebPreferences(options.preloadPath),
  });
  window.once('ready-to-show', () => window.show());

  const { webContents } = window;
  webContents.on('will-navigate', (event, url) => {
    if (decideNavigation(url, options.appOrigin) === 'allow') return;
    event.preventDefault();
    openOutside(url, options.appOrigin);
  });
  webContents.on('will-redirect', (event, url) => {
    if (decideNavigation(url, options.appOrigin) !== 'allow') event.preventDefault();
  });
  webContents.setWindowOpenHandler(({ url }) => {
    openOutside(url, options.appOrigin);
    return { action: 'deny' };
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  return window;
}
