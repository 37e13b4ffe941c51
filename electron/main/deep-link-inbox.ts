import type { BrowserWindow } from 'electron';
import { type DeepLink, IpcChannel } from '../../shared/ipc.js';

/** Hands deep links to the console, holding the latest one until the page has loaded. */
export interface DeepLinkInbox {
  /** Delivers `link` now, or as soon as a window has loaded. */
  push(link: DeepLink | null): void;
  /** Delivers to `window` from now on (and any link that was waiting, once it has loaded). */
  attach(window: BrowserWindow): void;
}

/** Creates the inbox; only the latest waiting link is kept, as the person asked for that one last. */
export function createDeepLinkInbox(): DeepLinkInbox {
  let target: BrowserWindow | null = null;
  let waiting: DeepLink | null = null;

  function flush(): void {
    if (!target || target.isDestroyed() || target.webContents.isLoading() || !waiting) return;
    target.webContents.send(IpcChannel.deepLink, waiting);
    waiting = null;
  }

  return {
    push(link) {
      if (!link) return;
      waiting = link;
      flush();
    },
    attach(window) {
      target = window;
      window.webContents.on('did-finish-load', flush);
      window.on('closed', () => {
        if (target === window) target = null;
      });
    },
  };
}
