import type { MenuItemConstructorOptions } from 'electron';

/** What the menu's own items do; index.ts wires them to windows. */
export interface MenuActions {
  showConsole(): void;
  openWallboard(): void;
  closeWallboard(): void;
}

/**
 * The application menu with the usual shortcuts: on macOS an app menu first (About, Hide, Quit ⌘Q);
 * File (console window Ctrl/⌘+1, wallboard open Ctrl/⌘+Shift+W and close, Quit Ctrl+Q elsewhere),
 * Edit (undo, cut, copy, paste, select all), View (reload, zoom, full screen; developer tools only in
 * development), Window and Help. Built by Electron's roles, so shortcuts follow each platform.
 */
export function menuTemplate(options: { platform: NodeJS.Platform; appName: string; isDev: boolean; actions: MenuActions }): MenuItemConstructorOptions[] {
  const { platform, appName, isDev, actions } = options;
  const mac = platform === 'darwin';
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [
      { label: 'Console window', accelerator: 'CmdOrCtrl+1', click: () => actions.showConsole() },
      { label: 'Open wallboard', accelerator: 'CmdOrCtrl+Shift+W', click: () => actions.openWallboard() },
      { label: 'Close wallboard', click: () => actions.closeWallboard() },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', accelerator: 'Ctrl+Q' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: 'View',
    submenu: [
      { role: 'reload' },
      ...(isDev ? ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[]) : []),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };
  return [
    ...(mac
      ? [{ label: appName, submenu: [{ role: 'about' }, { type: 'separator' }, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, { type: 'separator' }, { role: 'quit' }] } as MenuItemConstructorOptions]
      : []),
    file,
    { role: 'editMenu' },
    view,
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: `About ${appName}`, role: 'about' }] },
  ];
}
