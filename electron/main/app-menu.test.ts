import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { menuTemplate } from './app-menu.js';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

const calls: string[] = [];
const actions = { showConsole: () => calls.push('console'), openWallboard: () => calls.push('open'), closeWallboard: () => calls.push('close') };

describe('menuTemplate', () => {
  it('gives Linux and Windows File, Edit, View, Window, Help with the usual shortcuts, and no developer tools', () => {
    const menu = menuTemplate({ platform: 'linux', appName: 'Klaxon', isDev: false, actions });
    expect(menu.map((m) => m.label ?? m.role)).toEqual(['File', 'editMenu', 'View', 'windowMenu', 'help']);
    const items = flatten(menu);
    expect(items.find((i) => i.role === 'quit')?.accelerator).toBe('Ctrl+Q');
    expect(items.find((i) => i.label === 'Open wallboard')?.accelerator).toBe('CmdOrCtrl+Shift+W');
    expect(items.map((i) => i.role)).toEqual(expect.arrayContaining(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']));
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    for (const label of ['Console window', 'Open wallboard', 'Close wallboard']) {
      (items.find((i) => i.label === label)!.click as () => void)();
    }
    expect(calls).toEqual(['console', 'open', 'close']);
  });

  it('puts the app menu first on macOS and shows developer tools in development', () => {
    const menu = menuTemplate({ platform: 'darwin', appName: 'Klaxon', isDev: true, actions });
    expect(menu[0]!.label).toBe('Klaxon');
    const items = flatten(menu);
    expect(items.filter((i) => i.role === 'quit')).toHaveLength(1);
    expect(items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });
});
