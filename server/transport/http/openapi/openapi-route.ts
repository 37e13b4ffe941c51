import type { FastifyInstance } from 'fastify';
import { buildOpenApi } from './build-openapi.js';

/**
 * Serves the OpenAPI 3.1 description of `/api/v1` at `GET /api/v1/openapi.json`, without a bearer
 * token: it describes shapes and scopes only, never data, and tools fetch it before they have a token.
 * The document is built once, at the first request.
 */
export function registerOpenApiRoute(app: FastifyInstance): void {
  let document: ReturnType<typeof buildOpenApi> | undefined;
  app.get('/api/v1/openapi.json', { config: { public: true } }, async () => (document ??= buildOpenApi()));
}
