/**
 * Tells whether a link from an alert may be followed: an absolute `http:` or `https:` URL and nothing
 * else. `javascript:`, `data:`, `file:`, `vbscript:`, relative paths and text a browser would read
 * differently from a URL parser (control characters, spaces before the scheme) are refused. Ingest
 * drops the others; the console and the phone render any that are left in old data as plain text.
 */
export function isHttpLink(href: string): boolean {
  // A browser strips leading control characters and spaces and ignores tabs and newlines inside a
  // URL; refusing them outright means no reading of the text can differ from ours.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0020\u007f]/.test(href)) return false;
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
}
