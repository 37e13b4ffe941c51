import type { FastifyInstance } from 'fastify';

/**
 * The Content-Security-Policy of the console, the wallboard and the phone app as the relay serves
 * them. Scripts, workers and connections (HTTP and Socket.IO's WebSocket) come from the relay alone;
 * styles also allow inline ones because PrimeVue 4 and Vue's style bindings write them; images and
 * fonts allow `data:` (icons, QR codes). No plugin, no `<base>`, no framing by any site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** How long browsers are told to use HTTPS only, once the relay serves it: one year. */
export const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/** What the security headers depend on. */
export interface SecurityHeaderOptions {
  /** The relay serves HTTPS itself: answers then carry Strict-Transport-Security. */
  hsts: boolean;
}

/**
 * Adds the security headers to every answer: `X-Content-Type-Options: nosniff` and
 * `Referrer-Policy: no-referrer` everywhere (JSON, calendar feeds, assets), and on HTML pages the
 * Content-Security-Policy plus `X-Frame-Options: DENY` for browsers without `frame-ancestors`. With
 * TLS on, every answer also carries Strict-Transport-Security.
 */
export function installSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions): void {
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    if (options.hsts) reply.header('strict-transport-security', `max-age=${HSTS_MAX_AGE_SECONDS}`);
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.toLowerCase().startsWith('text/html')) {
      // A page that sets a stricter policy of its own (the action confirm page: no script at all) keeps it.
      if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
      reply.header('x-frame-options', 'DENY');
    }
    return payload;
  });
}
