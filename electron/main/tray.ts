import { Menu, nativeImage, Tray } from 'electron';
import { drawKlaxonIcon } from './icon/klaxon-icon.js';
import { encodePng } from './icon/png.js';
import { trayTitle, trayTooltip } from './tray-text.js';

/** The tray icon: the Klaxon siren, with a red badge counting unread high-priority incidents. */
export interface KlaxonTray {
  setUnreadHigh(count: number): void;
  destroy(): void;
}

/** The tray icon's size; the icon is drawn at twice that for high-density screens. */
const SIZE = 16;

function iconFor(count: number): Electron.NativeImage {
  const image = nativeImage.createEmpty();
  for (const scale of [1, 2]) {
    const size = SIZE * scale;
    image.addRepresentation({ scaleFactor: scale, width: size, height: size, buffer: encodePng(size, size, drawKlaxonIcon(size, count)) });
  }
  return image;
}

/** Creates the tray icon with its menu (show the console, open the wallboard, quit). */
export function createTray(actions: { showConsole(): void; openWallboard(): void; quit(): void }): KlaxonTray {
  const tray = new Tray(iconFor(0));
  tray.setToolTip(trayTooltip(0));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Show console', click: () => actions.showConsole() },
      { label: 'Open wallboard', click: () => actions.openWallboard() },
      { type: 'separator' },
      { label: 'Quit Klaxon', click: () => actions.quit() },
    ]),
  );
  tray.on('click', () => actions.showConsole());
  let shown = 0;
  return {
    setUnreadHigh(count) {
      if (count === shown) return;
      shown = count;
      tray.setImage(iconFor(count));
      tray.setToolTip(trayTooltip(count));
      if (process.platform === 'darwin') tray.setTitle(trayTitle(count));
    },
    destroy: () => tray.destroy(),
  };
}
