import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, type IpcMainInvokeEvent, Menu, Notification, safeStorage, screen, session, shell } from 'electron';
import { APP_ORIGIN } from './app-files.js';
import { registerAppScheme, serveAppScheme } from './app-protocol.js';
import { DEEP_LINK_SCHEME, findDeepLink, parseDeepLink } from './deep-link.js';
import { createDeepLinkInbox } from './deep-link-inbox.js';
import { registerIpcHandlers } from './ipc-handlers.js';
import { createDesktopSso, type DesktopSso, parseSsoLink } from './sso-handoff.js';
import { IpcChannel } from '../../shared/ipc.js';
import { createMainWindow } from './main-window.js';
import { createSettingsStore } from './settings-store.js';
import { createTokenVault } from './token-vault.js';
import { menuTemplate } from './app-menu.js';
import { createTray, type KlaxonTray } from './tray.js';
import { createWallboardWindow, type WallboardWindow } from './wallboard-window.js';
import { restoreBounds } from './window-state.js';
import type { SettingsStore } from './settings-store.js';

// The bundle sits in dist/electron/; the console build in dist/renderer/.
const here = path.dirname(fileURLToPath(import.meta.url));
const RENDERER_DIR = path.join(here, '..', 'renderer');
const PRELOAD_PATH = path.join(here, 'preload.cjs');
const TITLE = 'Klaxon';

let mainWindow: BrowserWindow | null = null;
let tray: KlaxonTray | null = null;
let wallboard: WallboardWindow | null = null;
const inbox = createDeepLinkInbox();
let desktopSso: DesktopSso | null = null;

/** Routes a `klaxon://` URL: `auth` links finish single sign-on, others go to the console's inbox. */
function routeLink(url: string | undefined): void {
  if (!url) return;
  if (parseSsoLink(url)) void desktopSso?.handle(url);
  else inbox.push(parseDeepLink(url));
}

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

function openMainWindow(settings: SettingsStore): void {
  mainWindow = createMainWindow({ appOrigin: APP_ORIGIN, preloadPath: PRELOAD_PATH });
  // The window opens where it was left, unless that place is no longer on any display.
  const saved = settings.getDesktop().mainWindow;
  const displays = screen.getAllDisplays().map((d) => ({ id: d.id, label: d.label, bounds: d.bounds }));
  const primary = screen.getPrimaryDisplay();
  mainWindow.setBounds(restoreBounds(saved?.bounds, displays, { id: primary.id, label: primary.label, bounds: primary.bounds }, { width: 1280, height: 800 }));
  if (saved?.maximized) mainWindow.maximize();
  const win = mainWindow;
  win.on('close', () => {
    const state = settings.getDesktop();
    settings.saveDesktop({ ...state, mainWindow: { bounds: win.getNormalBounds(), maximized: win.isMaximized() } });
  });
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
    const auth = argv.find((arg) => parseSsoLink(arg));
    if (auth) routeLink(auth);
    else inbox.push(findDeepLink(argv));
  });
  // macOS hands deep links over as an event, possibly before the app is ready.
  app.on('open-url', (event, url) => {
    event.preventDefault();
    showMainWindow();
    routeLink(url);
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
    // The system browser signs in; the code comes back as klaxon://auth and is exchanged here.
    desktopSso = createDesktopSso({
      openExternal: (url) => shell.openExternal(url),
      fetch: (...args) => globalThis.fetch(...args),
      vault,
      now: () => Date.now(),
      report: (result) => mainWindow?.webContents.send(IpcChannel.ssoResult, result),
    });
    const wallboardVault = createTokenVault(safeStorage, settings.wallboardTokenSlot);
    wallboard = createWallboardWindow({
      appOrigin: APP_ORIGIN,
      settings: () => settings.getDesktop().wallboard,
      saveSettings(patch) {
        const state = settings.getDesktop();
        settings.saveDesktop({ ...state, wallboard: { ...state.wallboard, ...patch } });
      },
      loadToken: () => wallboardVault.load(),
      saveToken: (token) => wallboardVault.save(token),
      clearToken: () => wallboardVault.clear(),
    });
    registerIpcHandlers({
      isTrustedSender,
      getSettings: () => settings.get(),
      saveSettings: (patch) => settings.save(patch),
      saveToken: (token) => vault.save(token),
      loadToken: () => vault.load(),
      clearToken: () => vault.clear(),
      setUnreadHighCount(count) {
        app.setBadgeCount(count);
        tray?.setUnreadHigh(count);
        mainWindow?.setTitle(count > 0 ? `(${count}) ${TITLE}` : TITLE);
      },
      listDisplays: () => wallboard!.listDisplays(),
      openWallboard: (request) => wallboard!.open(request),
      closeWallboard: () => wallboard!.close(),
      startSso: (relayUrl) => desktopSso!.start(relayUrl),
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
    openMainWindow(settings);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openMainWindow(settings);
    });
    const openWallboardSafely = () => {
      try {
        wallboard?.open();
      } catch (error) {
        new Notification({ title: 'Klaxon wallboard', body: (error as Error).message }).show();
      }
    };
    const actions = {
      showConsole: () => (mainWindow ? showMainWindow() : openMainWindow(settings)),
      openWallboard: openWallboardSafely,
      closeWallboard: () => wallboard?.close(),
    };
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate({ platform: process.platform, appName: TITLE, isDev: !app.isPackaged, actions })));
    tray = createTray({ ...actions, quit: () => app.quit() });
    if (settings.getDesktop().wallboard.openAtStart) openWallboardSafely();
  });
}

registerAppScheme();
if (app.requestSingleInstanceLock()) start();
else app.quit();
