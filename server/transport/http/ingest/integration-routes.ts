import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AlertmanagerWebhookSchema } from '../../../../shared/schemas/ingest/alertmanager.js';
import { ConnectWiseCallbackSchema } from '../../../../shared/schemas/ingest/connectwise.js';
import { GrafanaWebhookSchema } from '../../../../shared/schemas/ingest/grafana.js';
import { type IngestIssue, parseIngestBody } from '../../../../shared/schemas/ingest/ingest-issues.js';
import type { IntegrationType } from '../../../../shared/schemas/service.js';
import type { AlertInput } from '../../../../shared/schemas/alert.js';
import type { Metrics } from '../../../adapters/metrics/create-metrics.js';
import type { IntakeService } from '../../../app/intake/intake-service.js';
import type { IntegrationRecord } from '../../../app/ports/store.js';
import { fromAlertmanager } from '../../../core/intake/from-alertmanager.js';
import { fromConnectWise } from '../../../core/intake/from-connectwise.js';
import { fromGrafana } from '../../../core/intake/from-grafana.js';
import { fromWebhook } from '../../../core/intake/from-webhook.js';
import { DEFAULT_GRAFANA_SIGNATURE_HEADER, GRAFANA_TIMESTAMP_HEADER, verifyGrafanaSignature } from './grafana-signature.js';
import { ingestErrorStatus } from './ingest-body.js';

type Parsed = { ok: true; alerts: AlertInput[] } | { ok: false; issues: IngestIssue[] };
type Parse = (body: unknown, integration: IntegrationRecord) => Parsed;

const schemaParse =
  <T>(parse: (body: unknown) => { ok: true; value: T } | { ok: false; issues: IngestIssue[] }, convert: (value: T) => AlertInput[]): Parse =>
  (body) => {
    const parsed = parse(body);
    return parsed.ok ? { ok: true, alerts: convert(parsed.value) } : parsed;
  };

const PARSERS: Record<Exclude<IntegrationType, 'events-v2' | 'email'>, Parse> = {
  alertmanager: schemaParse((b) => parseIngestBody(AlertmanagerWebhookSchema, b), fromAlertmanager),
  grafana: schemaParse((b) => parseIngestBody(GrafanaWebhookSchema, b), fromGrafana),
  connectwise: schemaParse((b) => parseIngestBody(ConnectWiseCallbackSchema, b), fromConnectWise),
  webhook: (body, integration) => {
    const mapping = integration.settings.mapping;
    if (!mapping) return { ok: false, issues: [{ path: '(integration)', message: 'this webhook integration has no mapping' }] };
    const outcome = fromWebhook(body, mapping);
    return outcome.ok ? outcome : { ok: false, issues: [{ path: outcome.error.field, message: outcome.error.message }] };
  },
};

/** Checks a Grafana integration's HMAC signature when it has a secret; other integrations pass. */
function signatureOk(integration: IntegrationRecord, request: FastifyRequest): boolean {
  const secret = integration.settings.hmacSecret;
  if (integration.type !== 'grafana' || !secret) return true;
  const header = (integration.settings.hmacHeader ?? DEFAULT_GRAFANA_SIGNATURE_HEADER).toLowerCase();
  const value = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  return verifyGrafanaSignature(secret, request.rawBody ?? Buffer.alloc(0), value(header), value(GRAFANA_TIMESTAMP_HEADER));
}

/**
 * `POST /integrations/:type/:key` for Alertmanager (webhook v4), Grafana, ConnectWise Manage callbacks
 * and generic JSON webhooks. Answers 200 with what became of each alert only after the commit (the
 * senders retry on 5xx); 400 with every wrong field; 401 for a bad Grafana signature; 404 for an
 * unknown key; 413 for a large body; 429 with Retry-After when the key floods.
 */
export function registerIntegrationRoutes(scope: FastifyInstance, deps: { intake: IntakeService; metrics: Metrics }): void {
  for (const [type, parse] of Object.entries(PARSERS) as [keyof typeof PARSERS, Parse][]) {
    const count = (outcome: string) => deps.metrics.alertsReceived.inc({ integration: type, outcome });
    scope.post<{ Params: { key: string } }>(`/integrations/${type}/:key`, {
      errorHandler: (error, request, reply) => {
        const { status, message } = ingestErrorStatus(error);
        if (status >= 500) request.log.error({ err: error, integration: type }, 'ingest failed');
        count(status === 413 ? 'too_large' : status >= 500 ? 'error' : 'invalid');
        return reply.code(status).send({ error: message });
      },
      handler: async (request, reply) => {
        const integration = await deps.intake.findIntegration(type, request.params.key);
        if (!integration) {
          count('unauthorised');
          return reply.code(404).send({ error: `no ${type} integration has this key` });
        }
        if (!signatureOk(integration, request)) {
          count('unauthorised');
          return reply.code(401).send({ error: 'the signature does not match the integration secret' });
        }
        const admitted = deps.intake.admit(integration);
        if (!admitted.allowed) {
          count('rate_limited');
          return reply
            .code(429)
            .header('retry-after', String(admitted.retryAfterSeconds))
            .send({ error: `too many requests for this key; retry in ${admitted.retryAfterSeconds}s` });
        }
        const parsed = parse(request.body, integration);
        if (!parsed.ok) {
          count('invalid');
          const first = parsed.issues[0]!;
          return reply.code(400).send({ error: `${first.path}: ${first.message}`, field: first.path, issues: parsed.issues });
        }
        const results = await deps.intake.ingest(integration, parsed.alerts);
        count('accepted');
        return reply.code(200).send({ status: 'ok', alerts: results });
      },
    });
  }
}
