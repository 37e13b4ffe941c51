import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../../../adapters/metrics/create-metrics.js';
import { metricsTokenCheck } from './metrics-token.js';

/** Answers within this long or `/health` reports the store as down. */
const PING_TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Registers `GET /health` (200 when the store answers, 503 otherwise) and `GET /metrics` (Prometheus
 * text; behind a bearer token when `metricsToken` is set).
 */
export function registerOpsRoutes(app: FastifyInstance, deps: { ping: () => Promise<void>; metrics: Metrics; metricsToken?: string | undefined }): void {
  app.get('/health', async (request, reply) => {
    try {
      await withTimeout(deps.ping(), PING_TIMEOUT_MS);
      return { status: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: the store does not answer');
      return reply.code(503).send({ status: 'unavailable', error: 'the store does not answer' });
    }
  });

  app.get('/metrics', { onRequest: metricsTokenCheck(deps.metricsToken) }, async (_request, reply) => {
    const text = await deps.metrics.render();
    return reply.type(deps.metrics.contentType).send(text);
  });
}
