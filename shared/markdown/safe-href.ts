/**
 * Returns `href` as a link target when it is an absolute http(s) URL, and null otherwise, so that
 * `javascript:`, `data:`, `file:` and relative addresses are shown as plain text and never followed.
 */
export function safeHref(href: string): string | null {
  const trimmed = href.trim();
  if (trimmed.length > 2048 || !/^https?:\/\//i.test(trimmed)) return null;
  try {
    const url = new URL(trimmed);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}
