/** What the main window does with a navigation or a `window.open`. */
export type NavigationDecision = 'allow' | 'open-external' | 'deny';

/**
 * Decides a navigation: pages of the app itself stay in the window, http(s) links open in the
 * system browser, everything else (file:, javascript:, other schemes) is refused.
 */
export function decideNavigation(url: string, appOrigin: string): NavigationDecision {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return 'deny';
  }
  if (target.origin === appOrigin || `${target.protocol}//${target.host}` === appOrigin) return 'allow';
  if (target.protocol === 'http:' || target.protocol === 'https:') return 'open-external';
  return 'deny';
}
