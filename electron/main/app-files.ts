import path from 'node:path';

/** The scheme the console is served from inside the desktop app. */
export const APP_SCHEME = 'app';
/** The console's origin inside the desktop app. */
export const APP_ORIGIN = `${APP_SCHEME}://console`;

/**
 * Maps an `app://console/…` request to a file under `rootDir`, or returns null when the request is
 * for another host or would leave `rootDir`. Paths without a file extension get `index.html`, so
 * the console's own routes survive a reload.
 */
export function resolveAppFile(rootDir: string, requestUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== 'console') return null;
  let relative: string;
  try {
    relative = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (relative.includes('\0')) return null;
  if (relative === '/' || relative === '' || path.posix.extname(relative) === '') relative = '/index.html';
  const root = path.resolve(rootDir);
  const file = path.resolve(root, `.${path.posix.normalize(relative)}`);
  return file.startsWith(root + path.sep) ? file : null;
}
