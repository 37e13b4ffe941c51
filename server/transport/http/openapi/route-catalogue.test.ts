import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ROUTE_SCOPES } from '../token-scope.js';
import { ROUTE_CATALOGUE } from './route-catalogue.js';

// Every route the real relay registers, as Fastify's `onRoute` hook sees it.
const registered = vi.hoisted(() => [] as string[]);
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof import('fastify')>();
  const create = ((options?: unknown) => {
    const app = (real.default as unknown as (o?: unknown) => import('fastify').FastifyInstance)(options);
    app.addHook('onRoute', (route: RouteOptions) => {
      for (const method of [route.method].flat()) if (method !== 'HEAD') registered.push(`${method} ${route.url}`);
    });
    return app;
  }) as unknown as typeof real.default;
  return { ...real, default: create };
});

const { startRelay } = await import('../../../relay.js');
const { parseSettings } = await import('../../../settings.js');
const { createManualClock } = await import('../../../../tests/support/manual-clock.js');

describe('the route catalogue of /api/v1', () => {
  let close: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const settings = parseSettings({ argv: ['--port', '0', '--smtp-port', '0', '--db', ':memory:'], env: {} });
    const relay = await startRelay(settings, { clock: createManualClock(), print: () => undefined });
    close = () => relay.close();
  });
  afterAll(async () => {
    await close?.();
  });

  const apiRoutes = () => [...new Set(registered.filter((r) => r.split(' ')[1]!.startsWith('/api/v1/')))].sort();

  it('describes every /api/v1 route the relay registers', () => {
    const missing = apiRoutes().filter((route) => !(route in ROUTE_CATALOGUE));
    expect(missing, `add these routes to server/transport/http/openapi/route-catalogue.ts:\n${missing.join('\n')}`).toEqual([]);
  });

  it('describes no route the relay does not have', () => {
    const routes = new Set(apiRoutes());
    expect(apiRoutes().length).toBeGreaterThan(50);
    const stale = Object.keys(ROUTE_CATALOGUE).filter((route) => !routes.has(route));
    expect(stale, `these catalogue entries name no route:\n${stale.join('\n')}`).toEqual([]);
  });

  it('gives API token scopes only to routes that exist', () => {
    const routes = new Set(apiRoutes());
    const stale = Object.keys(ROUTE_SCOPES).filter((route) => !routes.has(route));
    expect(stale, `token-scope.ts names routes the relay does not have:\n${stale.join('\n')}`).toEqual([]);
  });
});
