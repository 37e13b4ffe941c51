import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { bearerToken } from '../auth.js';
import { HttpError } from '../http-error.js';

const digest = (text: string) => createHash('sha256').update(text).digest();

/**
 * Makes the check `/metrics` runs when `KLAXON_METRICS_TOKEN` is set: the request must carry
 * `Authorization: Bearer <token>`, compared in constant time (on digests, so the length leaks
 * nothing either); otherwise a 401 naming the header. Without a token the check lets every request by.
 */
export function metricsTokenCheck(token: string | undefined): (request: FastifyRequest) => Promise<void> {
  const expected = token === undefined ? undefined : digest(token);
  return async (request) => {
    if (!expected) return;
    const given = bearerToken(request);
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return;
    throw new HttpError(401, 'metrics need the metrics token: send Authorization: Bearer <KLAXON_METRICS_TOKEN>', undefined, {
      'www-authenticate': 'Bearer realm="metrics"',
    });
  };
}
