import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Metrics } from '../../../adapters/metrics/create-metrics.js';
import { listHeartbeats } from '../../../app/heartbeats/heartbeat-list.js';
import type { HeartbeatMonitor } from '../../../app/heartbeats/heartbeat-monitor.js';
import { refusalText } from '../../../app/intake/admission.js';
import type { IntakeService } from '../../../app/intake/intake-service.js';
import type { Store } from '../../../app/ports/store.js';
import { signedInUser } from '../auth.js';

/** A ping's body is never read; anything larger than this is refused (413). */
const PING_BODY_LIMIT = 16 * 1024;

/** What the heartbeat routes need. */
export interface HeartbeatRouteDeps {
  intake: Pick<IntakeService, 'findIntegration' | 'admit' | 'rate'>;
  monitor: Pick<HeartbeatMonitor, 'ping'>;
  store: Store;
  metrics: Pick<Metrics, 'alertsReceived'>;
}

/**
 * The heartbeat routes (issue 18). `GET` and `POST /heartbeat/:key` are pings, unauthenticated like
 * ingest and keyed by the heartbeat integration's secret key: 200 `{status:"ok"}` once the ping is
 * committed, 404 for any key that opens no heartbeat integration (the same answer whatever the
 * key), 429 with Retry-After when the key floods (one token per ping, the ingest rate), 413 for a
 * body over 16 KiB (the body is not read otherwise, whatever its type). `GET /api/v1/heartbeats`
 * lists every heartbeat's state for anyone signed in on the console.
 */
export async function registerHeartbeatRoutes(app: FastifyInstance, deps: HeartbeatRouteDeps): Promise<void> {
  const count = (outcome: string) => deps.metrics.alertsReceived.inc({ integration: 'heartbeat', outcome });

  const ping = async (request: FastifyRequest<{ Params: { key: string } }>, reply: FastifyReply) => {
    const integration = await deps.intake.findIntegration('heartbeat', request.params.key);
    if (!integration) {
      count('unauthorised');
      return reply.code(404).send({ error: 'no heartbeat integration has this key' });
    }
    const admitted = deps.intake.admit(integration, 1);
    if (!admitted.allowed) {
      count('rate_limited');
      const error = refusalText(admitted, 1, deps.intake.rate);
      if (admitted.overBurst) return reply.code(413).send({ error });
      return reply.code(429).header('retry-after', String(admitted.retryAfterSeconds)).send({ error });
    }
    await deps.monitor.ping(integration);
    count('accepted');
    return reply.code(200).send({ status: 'ok' });
  };

  await app.register(async (scope) => {
    // Monitoring agents post whatever they like (often nothing, or a form): the body is not read.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: PING_BODY_LIMIT }, (_request, _body, done) => done(null, undefined));
    scope.get('/heartbeat/:key', ping);
    scope.post('/heartbeat/:key', { bodyLimit: PING_BODY_LIMIT }, ping);
  });

  app.get('/api/v1/heartbeats', async (request) => {
    const user = signedInUser(request);
    return { heartbeats: await listHeartbeats(deps.store, { userId: user.id, role: user.role }) };
  });
}
