/**
 * The console's Content-Security-Policy: scripts only from the app itself; styles may be inline
 * because PrimeVue injects its theme at run time; connections to any http(s)/ws(s) origin because
 * the relay address is chosen by the user. renderer/index.html carries the same policy as a meta tag.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self' http: https: ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
