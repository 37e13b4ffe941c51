import type { FastifyInstance } from 'fastify';

/** The origin of the desktop console's pages (Electron serves them from its own `app://` protocol). */
export const DESKTOP_ORIGIN = 'app://console';

/**
 * Lets the desktop console call the API from its `app://console` origin: answers CORS preflights
 * and adds the headers on `/api/` answers for that origin only. Browsers on other origins get no
 * CORS headers (the browser console is served by the relay itself, same origin).
 */
export function installDesktopCors(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.headers.origin !== DESKTOP_ORIGIN || !request.url.startsWith('/api/')) return;
    reply.header('access-control-allow-origin', DESKTOP_ORIGIN);
    reply.header('vary', 'origin');
    if (request.method === 'OPTIONS') {
      return reply
        .header('access-control-allow-methods', 'GET, POST, PUT, PATCH, DELETE')
        .header('access-control-allow-headers', 'authorization, content-type')
        .header('access-control-max-age', '600')
        .code(204)
        .send();
    }
    return undefined;
  });
}
