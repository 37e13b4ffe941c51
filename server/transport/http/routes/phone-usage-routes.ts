import type { FastifyInstance } from 'fastify';
import { PhoneUsageQuerySchema } from '../../../../shared/schemas/phone-usage.js';
import type { PhoneUsage } from '../../../app/twilio/phone-usage.js';
import { requireRole } from '../auth.js';
import { parseInput } from '../http-error.js';

/**
 * `GET /api/v1/reports/phone-usage?from=YYYY-MM&to=YYYY-MM`: SMS segments and call minutes per
 * month (the last six months by default), for IR managers and admins, who answer for the costs.
 */
export function registerPhoneUsageRoutes(app: FastifyInstance, deps: { usage: PhoneUsage }): void {
  app.get('/api/v1/reports/phone-usage', { preHandler: requireRole('ir-manager') }, async (request, reply) => {
    const query = parseInput(PhoneUsageQuerySchema, request.query ?? {}, 'query');
    return reply.header('cache-control', 'no-store').send(await deps.usage.report(query));
  });
}
