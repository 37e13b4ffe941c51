import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { EventsV2EventSchema } from '../../../../shared/schemas/ingest/events-v2.js';
import { parseIngestBody } from '../../../../shared/schemas/ingest/ingest-issues.js';
import type { Metrics } from '../../../adapters/metrics/create-metrics.js';
import type { IntakeService } from '../../../app/intake/intake-service.js';
import { fromEventsV2 } from '../../../core/intake/from-events-v2.js';
import { DEFAULT_FASTIFY_BODY_LIMIT, ingestErrorStatus } from './ingest-body.js';

const INVALID = 'Event object is invalid';

/**
 * `POST /v2/enqueue`, answering exactly as PagerDuty's Events API v2 does, so PagerDuty client
 * libraries and monitoring tools work by changing only the URL: 202 success with the dedup key, 400
 * "invalid event" with every error, 429 "throttle event" with Retry-After, 413 for a large body.
 */
export function registerEventsV2Route(scope: FastifyInstance, deps: { intake: IntakeService; metrics: Metrics }): void {
  const count = (outcome: string) => deps.metrics.alertsReceived.inc({ integration: 'events-v2', outcome });
  scope.post('/v2/enqueue', {
    errorHandler: (error, request, reply) => {
      const { status, message } = ingestErrorStatus(error, scope.initialConfig.bodyLimit ?? DEFAULT_FASTIFY_BODY_LIMIT);
      if (status >= 500) request.log.error({ err: error }, 'events-v2 ingest failed');
      count(status === 413 ? 'too_large' : status >= 500 ? 'error' : 'invalid');
      if (status === 413) return reply.code(413).send({ status: 'invalid event', message: 'Request entity too large', errors: [message] });
      if (status >= 500) return reply.code(500).send({ status: 'error', message });
      return reply.code(400).send({ status: 'invalid event', message: INVALID, errors: [message] });
    },
    handler: async (request, reply) => {
      const parsed = parseIngestBody(EventsV2EventSchema, request.body);
      if (!parsed.ok) {
        count('invalid');
        return reply.code(400).send({
          status: 'invalid event',
          message: INVALID,
          errors: parsed.issues.map((i) => `${i.path}: ${i.message}`),
        });
      }
      const integration = await deps.intake.findIntegration('events-v2', parsed.value.routing_key);
      if (!integration) {
        count('unauthorised');
        return reply.code(400).send({ status: 'invalid event', message: INVALID, errors: ['routing_key: no integration has this key'] });
      }
      const admitted = deps.intake.admit(integration);
      if (!admitted.allowed) {
        count('rate_limited');
        // One alert never exceeds the burst (at least 1), so a refusal here is always "not now".
        const retryAfter = admitted.overBurst ? 60 : admitted.retryAfterSeconds;
        return reply
          .code(429)
          .header('retry-after', String(retryAfter))
          .send({ status: 'throttle event', message: 'Requests for this service are arriving too quickly. Please retry later.' });
      }
      const alerts = fromEventsV2(parsed.value, randomUUID().replaceAll('-', ''));
      const [result] = await deps.intake.ingest(integration, alerts);
      count('accepted');
      return reply.code(202).send({ status: 'success', message: 'Event processed', dedup_key: result?.dedupKey ?? alerts[0]?.dedupKey });
    },
  });
}
