import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, type IpcMainInvokeEvent, Notification, safeStorage, session } from 'electron';
import { APP_ORIGIN } from './app-files.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { DEEP_LINK_SCHEME, findDeepLink, parseDeepLink } from './deep-link.js';
import { createDeepLinkInbox } from './deep-link-inbox.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { createMainWindow } from './main-window.js';
import { createSettingsStore } from './settings-store.js';
import { createTokenVault } from './token-vault.js';

// The bundle sits in dist/electron/; the console build in dist/renderer/.
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD_PATH = path.join(here, 'preload.cjs');
const TITLE = 'Klaxon';

let mainWindow: BrowserWindow | null = null;
const inbox = createDeepLinkInbox();

/** Registers `klaxon://` with the OS; in development the app path must be passed along. */
function registerDeepLinkClient(): void {
  const appPath = process.argv[1];
  if (process.defaultApp && appPath) {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME, process.execPath, [path.resolve(appPath)]);
  } else {
    app.setAsDefaultProtocolClient(DEEP_LINK_SCHEME);
  }
}

/** Accepts bridge calls only from the console page itself. */
function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const origin = new URL(url);
    return `${origin.protocol}//${origin.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

function showMainWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

function openMainWindow(): void {
  mainWindow = createMainWindow({ appOrigin: APP_ORIGIN, preloadPath: PRELOAD_PATH });
  // The window title carries the unread count, so the page may not replace it.
  mainWindow.on('page-title-updated', (event) => event.preventDefault());
  mainWindow.on('closed', () => (mainWindow = null));
  inbox.attach(mainWindow);
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

function start(): void {
  registerDeepLinkClient();
  inbox.push(findDeepLink(process.argv));
  app.on('second-instance', (_event, argv) => {
    showMainWindow();
    inbox.push(findDeepLink(argv));
  });
  // macOS hands deep links over as an event, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showMainWindow();
    inbox.push(parseDeepLink(url));
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  void app.whenReady().then(() => {
    const settings = createSettingsStore(process.env.KLAXON_RELAY_URL);
    const vault = createTokenVault(safeStorage, settings.tokenSlot);
    // The console asks for nothing (camera, geolocation, …); native notifications go through the bridge.
    session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    serveAppScheme(RENDERER_DIR);
    registerIpcHandlers({
      isTrustedSender,
      getSettings: () => settings.get(),
      saveSettings: (patch) => settings.save(patch),
      saveToken: (token) => vault.save(token),
      loadToken: () => vault.load(),
      clearToken: () => vault.clear(),
      setUnreadHighCount(count) {
        app.setBadgeCount(count);
        mainWindow?.setTitle(count > 0 ? `(${count}) ${TITLE}` : TITLE);
      },
      notify({ title, body, incidentId }) {
        if (!Notification.isSupported()) return;
        const notification = new Notification({ title, body, silent: settings.get().soundMuted });
        notification.on('click', () => {
          showMainWindow();
          inbox.push({ kind: 'incident', id: incidentId });
        });
        notification.show();
      },
    });
    openMainWindow();
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
    });
  });
}

registerAppScheme();
if (app.requestSingleInstanceLock()) start();
else app.quit();
