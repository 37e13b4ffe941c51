import { type DeepLink, DeepLinkSchema } from '../../shared/ipc.js';

/** The URL scheme the desktop app registers with the operating system. */
export const DEEP_LINK_SCHEME = 'klaxon';

/** Ids as the relay makes them: letters, digits and a few separators, never a path. */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Parses `klaxon://incident/<id>` (a trailing slash, as Windows adds, is allowed) into a deep link,
 * or returns null for anything else: another scheme, another kind, extra path parts, an odd id.
 */
export function parseDeepLink(url: string): DeepLink | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== `${DEEP_LINK_SCHEME}:`) return null;
  const parts = parsed.pathname.replace(/\/$/, '').split('/').slice(1);
  if (parts.length !== 1 || !parts[0]) return null;
  let id: string;
  try {
    id = decodeURIComponent(parts[0]);
  } catch {
    return null;
  }
  if (!ID_PATTERN.test(id)) return null;
  const link = DeepLinkSchema.safeParse({ kind: parsed.hostname, id });
  return link.success ? link.data : null;
}

/** Finds the first deep link among command-line arguments (how Windows and Linux hand them over). */
export function findDeepLink(argv: readonly string[]): DeepLink | null {
  for (const arg of argv) {
    if (!arg.toLowerCase().startsWith(`${DEEP_LINK_SCHEME}:`)) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}
