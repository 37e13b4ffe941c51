import { existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Klaxon relay</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem}code{background:#eee;padding:.1rem .3rem}</style>
</head><body>
<h1>Klaxon relay is running</h1>
<p>The console is not built, so there is nothing to show here yet.</p>
<p>Build it with <code>npm run build:renderer</code>, then restart the relay (<code>npm run relay</code>).</p>
<p>The relay itself works: <a href="/health">/health</a> · <a href="/metrics">/metrics</a> · API under <code>/api/v1/</code>.</p>
</body></html>
`;

/** Tells whether a path belongs to the single-page console: `/`, `/wallboard…`, or the phone app under `/m/`. */
export function isConsolePath(url: string): boolean {
  const pathname = url.split('?')[0]!;
  return pathname === '/' || pathname === '/wallboard' || pathname.startsWith('/wallboard/') || pathname === '/m' || pathname.startsWith('/m/');
}

/**
 * Headers of the phone app: its service worker is never served from a cache (browsers check it for
 * updates) and may control `/m/`; its web app manifest has its registered type (the static server
 * would call it JSON).
 */
function phoneAppHeaders(reply: FastifyReply, filePath: string): void {
  const file = filePath.split(path.sep).join('/');
  if (file.endsWith('/m/sw.js')) {
    reply.header('cache-control', 'no-cache');
    reply.header('service-worker-allowed', '/m/');
  }
  if (file.endsWith('.webmanifest')) reply.header('content-type', 'application/manifest+json');
}

/**
 * Serves the built console from `rendererDir` when its `index.html` exists, with the single-page
 * fallback for `/wallboard` and the phone app under `/m/` (its own `m/index.html` when built);
 * otherwise answers the console paths with a short page saying how to build it. Every other unknown
 * path answers 404 `{ error }`.
 */
export async function registerConsole(app: FastifyInstance, rendererDir: string): Promise<{ built: boolean }> {
  const built = existsSync(path.join(rendererDir, 'index.html'));
  const phoneEntry = existsSync(path.join(rendererDir, 'm', 'index.html')) ? 'm/index.html' : 'index.html';
  const wallboardEntry = existsSync(path.join(rendererDir, 'wallboard.html')) ? 'wallboard.html' : 'index.html';

  if (built) {
    // Loaded only when there is something to serve. A route per built file, not a catch-all: an
    // unknown path never reaches the disk, and an API path keeps the router's answers (414 for an
    // over-long id) instead of being taken for a missing file.
    const { default: fastifyStatic } = await import('@fastify/static');
    await app.register(fastifyStatic, { root: rendererDir, index: ['index.html'], wildcard: false, setHeaders: phoneAppHeaders });
    // The phone app's relative URLs (manifest, service worker, assets) need the trailing slash.
    app.get('/m', (_request, reply) => reply.redirect('/m/'));
  } else {
    app.get('/', (_request, reply) => reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE));
  }

  app.setNotFoundHandler((request: FastifyRequest, reply: FastifyReply) => {
    const wantsPage = (request.method === 'GET' || request.method === 'HEAD') && isConsolePath(request.url);
    if (!wantsPage) return reply.code(404).send({ error: `no route ${request.method} ${request.url.split('?')[0]}` });
    if (!built) return reply.type('text/html; charset=utf-8').send(NOT_BUILT_PAGE);
    if (request.url.startsWith('/wallboard')) return reply.sendFile(wallboardEntry);
    return reply.sendFile(request.url.startsWith('/m') ? phoneEntry : 'index.html');
  });
  return { built };
}
