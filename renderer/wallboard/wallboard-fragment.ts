/** The wallboard panels, in rotation order. */
export const PANELS = ['attention', 'on-call', 'trends'] as const;
export type Panel = (typeof PANELS)[number];

/** How a wall screen is set up, read from the URL fragment (never sent to any server). */
export interface WallboardSetup {
  /** The wallboard token a manager created in the console; null when the link has none. */
  token: string | null;
  /** The relay's base URL; the page's own origin when it is served by the relay. */
  relayUrl: string;
  /** Seconds each panel stays up; 0 keeps the first panel. */
  rotateSeconds: number;
  /** The panel shown first. */
  panel: Panel;
}

/** The default time each panel stays up, long enough to read across a room. */
export const DEFAULT_ROTATE_SECONDS = 20;

/**
 * Reads the wallboard's set-up from a URL fragment such as
 * `#token=kwb_…&relay=https://relay.example&rotate=30&panel=trends`. The token travels in the fragment
 * so that it is never sent in a request line or kept in server logs. Unknown or malformed values fall
 * back to the defaults; `origin` is the page's own origin.
 */
export function readWallboardFragment(hash: string, origin: string): WallboardSetup {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  const token = params.get('token')?.trim() || null;
  let relayUrl = origin;
  const relay = params.get('relay');
  if (relay) {
    try {
      const url = new URL(relay);
      if (url.protocol === 'http:' || url.protocol === 'https:') relayUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
    } catch {
      // A malformed relay address is ignored; the page's origin is the best guess left.
    }
  }
  const rotate = Number(params.get('rotate') ?? DEFAULT_ROTATE_SECONDS);
  const rotateSeconds = Number.isInteger(rotate) && rotate >= 0 && rotate <= 3600 ? rotate : DEFAULT_ROTATE_SECONDS;
  const panelParam = params.get('panel');
  const panel = PANELS.find((p) => p === panelParam) ?? PANELS[0];
  return { token, relayUrl, rotateSeconds, panel };
}

/** Builds the link a manager hands to a wall screen: the wallboard page with the token in the fragment. */
export function wallboardLink(relayUrl: string, token: string): string {
  return `${relayUrl.replace(/\/+$/, '')}/wallboard#token=${encodeURIComponent(token)}`;
}
