import { describe, expect, it } from 'vitest';
import { readDesktopState } from './desktop-state.js';

describe('readDesktopState', () => {
  it('starts with defaults: no window state, wallboard in kiosk mode on a display the app picks', () => {
    expect(readDesktopState(undefined)).toEqual({ wallboard: { relayUrl: null, displayId: null, kiosk: true, openAtStart: false } });
  });

  it('keeps valid fields and drops invalid ones one by one', () => {
    const state = readDesktopState({
      mainWindow: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true },
      wallboard: { relayUrl: 'not a url', displayId: 7, kiosk: 'yes', openAtStart: true, bounds: { x: 0, y: 0, width: 5, height: 5 } },
    });
    expect(state).toEqual({
      mainWindow: { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: true },
      wallboard: { relayUrl: null, displayId: 7, kiosk: true, openAtStart: true },
    });
    expect(readDesktopState({ mainWindow: 'broken', wallboard: 3 })).toEqual(readDesktopState(undefined));
  });
});
