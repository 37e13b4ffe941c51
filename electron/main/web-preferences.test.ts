import { describe, expect, it } from 'vitest';
import { consoleWebPreferences, wallboardWebPreferences } from './web-preferences.js';

describe('web preferences of Klaxon windows', () => {
  it('lets the console window play the alarm without a click, and keeps it isolated with its preload', () => {
    const preferences = consoleWebPreferences('/app/preload.cjs');
    expect(preferences.autoplayPolicy).toBe('no-user-gesture-required');
    expect(preferences).toMatchObject({ preload: '/app/preload.cjs', contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false });
  });

  it('lets the wallboard play audio too, and gives it no preload (no bridge)', () => {
    const preferences = wallboardWebPreferences();
    expect(preferences.autoplayPolicy).toBe('no-user-gesture-required');
    expect(preferences.preload).toBeUndefined();
    expect(preferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  });
});
