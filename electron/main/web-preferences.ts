import type { WebPreferences } from 'electron';

/**
 * The settings every Klaxon window shares: isolated, sandboxed, no Node in the page, no <webview>.
 * Audio may start without a click: the windows show only Klaxon's own pages, and an unattended NOC
 * screen or wallboard that restarts must still sound the alarm (a browser would keep it muted).
 */
const COMMON: WebPreferences = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  webSecurity: true,
  webviewTag: false,
  spellcheck: false,
  autoplayPolicy: 'no-user-gesture-required',
};

/** The console window's web preferences, with its preload (the typed bridge). */
export function consoleWebPreferences(preloadPath: string): WebPreferences {
  return { ...COMMON, preload: preloadPath };
}

/** The wallboard window's web preferences: no preload, so the wallboard has no bridge at all. */
export function wallboardWebPreferences(): WebPreferences {
  return { ...COMMON };
}
