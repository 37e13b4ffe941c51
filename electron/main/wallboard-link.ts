/** A wallboard link taken apart: the relay it reads from and its wallboard token. */
export interface WallboardTarget {
  relayUrl: string;
  token: string;
}

/** Wallboard tokens as the relay makes them (`kwb_` and 43 base64url characters). */
const TOKEN_PATTERN = /^kwb_[A-Za-z0-9_-]{20,200}$/;

/**
 * Parses the link a manager created (`https://relay.example/wallboard#token=kwb_…`) into the relay's
 * address and the token, or returns null for anything else (another path, another scheme, no token).
 */
export function parseWallboardLink(link: string): WallboardTarget | null {
  let url: URL;
  try {
    url = new URL(link.trim());
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (!/\/wallboard\/?$/.test(url.pathname) || url.username || url.password) return null;
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  if (!token || !TOKEN_PATTERN.test(token)) return null;
  const base = url.pathname.replace(/\/wallboard\/?$/, '');
  return { relayUrl: `${url.origin}${base}`, token };
}

/**
 * The page the wallboard window loads: the wallboard bundled with the app (never remote code), told
 * in its fragment which relay to read and with which token.
 */
export function wallboardPageUrl(appOrigin: string, target: WallboardTarget): string {
  const fragment = new URLSearchParams({ token: target.token, relay: target.relayUrl });
  return `${appOrigin}/wallboard.html#${fragment.toString()}`;
}
