import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AlertmanagerWebhookSchema } from '../../../../shared/schemas/ingest/alertmanager.js';
import { ConnectWiseCallbackSchema } from '../../../../shared/schemas/ingest/connectwise.js';
import { GrafanaWebhookSchema } from '../../../../shared/schemas/ingest/grafana.js';
import { type IngestIssue, parseIngestBody } from '../../../../shared/schemas/ingest/ingest-issues.js';
import type { IntegrationType } from '../../../../shared/schemas/service.js';
import type { AlertInput } from '../../../../shared/schemas/alert.js';
import type { Metrics } from '../../../adapters/metrics/create-metrics.js';
import { refusalText } from '../../../app/intake/admission.js';
import type { IntakeService } from '../../../app/intake/intake-service.js';
import type { IntegrationRecord } from '../../../app/ports/store.js';
import { fromAlertmanager } from '../../../core/intake/from-alertmanager.js';
import { fromConnectWise } from '../../../core/intake/from-connectwise.js';
import { fromGrafana } from '../../../core/intake/from-grafana.js';
import { fromWebhook } from '../../../core/intake/from-webhook.js';
import type { Clock } from '../../../app/ports/clock.js';
import { checkGrafanaSignature, DEFAULT_GRAFANA_SIGNATURE_HEADERS, DEFAULT_GRAFANA_TIMESTAMP_HEADER, type SignatureCheck } from './grafana-signature.js';
import { DEFAULT_FASTIFY_BODY_LIMIT, ingestErrorStatus } from './ingest-body.js';

/** The most alerts one request may carry; a larger batch is refused whole (400). */
export const MAX_ALERTS_PER_REQUEST = 5_000;

type Parsed = { ok: true; alerts: AlertInput[] } | { ok: false; issues: IngestIssue[] };
type Parse = (body: unknown, integration: IntegrationRecord) => Parsed;

const schemaParse =
  <T>(parse: (body: unknown) => { ok: true; value: T } | { ok: false; issues: IngestIssue[] }, convert: (value: T) => AlertInput[]): Parse =>
  (body) => {
    const parsed = parse(body);
    return parsed.ok ? { ok: true, alerts: convert(parsed.value) } : parsed;
  };

const PARSERS: Record<Exclude<IntegrationType, 'events-v2' | 'email' | 'heartbeat'>, Parse> = {
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

/**
 * Checks a Grafana integration's HMAC signature when it has a secret (other integrations pass): in
 * the header the integration names, else in either of Grafana's default headers, with the timestamp
 * from the integration's timestamp header (else our default one) when the request carries it.
 */
function signatureCheck(integration: IntegrationRecord, request: FastifyRequest, now: Date): SignatureCheck {
  const secret = integration.settings.hmacSecret;
  if (integration.type !== 'grafana' || !secret) return { ok: true };
  const value = (name: string) => {
    const v = request.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
  };
  const headers = integration.settings.hmacHeader ? [integration.settings.hmacHeader] : DEFAULT_GRAFANA_SIGNATURE_HEADERS;
  return checkGrafanaSignature({
    secret,
    rawBody: request.rawBody ?? Buffer.alloc(0),
    signature: headers.map(value).find((v) => v !== undefined),
    timestamp: value(integration.settings.hmacTimestampHeader ?? DEFAULT_GRAFANA_TIMESTAMP_HEADER),
    nowMs: now.getTime(),
  });
}

/**
 * `POST /integrations/:type/:key` for Alertmanager (webhook v4), Grafana, ConnectWise Manage callbacks
 * and generic JSON webhooks. Answers 200 with what became of each alert only after the commit (the
 * senders retry on 5xx); 400 with every wrong field, for JSON nested too deep or for more than
 * `MAX_ALERTS_PER_REQUEST` alerts; 401 naming why for a bad or replayed (over 5 minutes old) Grafana
 * signature; 404 for an unknown key; 413 for a
 * large body or a batch larger than the key's burst (it can never fit: split it); 429 with
 * Retry-After when the batch's alerts are more than the key's tokens left (one token per alert).
 */
export function registerIntegrationRoutes(scope: FastifyInstance, deps: { intake: IntakeService; metrics: Metrics; clock: Clock }): void {
  for (const [type, parse] of Object.entries(PARSERS) as [keyof typeof PARSERS, Parse][]) {
    const count = (outcome: string) => deps.metrics.alertsReceived.inc({ integration: type, outcome });
    scope.post<{ Params: { key: string } }>(`/integrations/${type}/:key`, {
      errorHandler: (error, request, reply) => {
        const { status, message } = ingestErrorStatus(error, scope.initialConfig.bodyLimit ?? DEFAULT_FASTIFY_BODY_LIMIT);
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
        const signed = signatureCheck(integration, request, deps.clock.now());
        if (!signed.ok) {
          count('unauthorised');
          return reply.code(401).send({ error: signed.reason });
        }
        const parsed = parse(request.body, integration);
        if (!parsed.ok) {
          count('invalid');
          const first = parsed.issues[0]!;
          return reply.code(400).send({ error: `${first.path}: ${first.message}`, field: first.path, issues: parsed.issues });
        }
        const alerts = parsed.alerts.length;
        if (alerts > MAX_ALERTS_PER_REQUEST) {
          count('invalid');
          const error = `alerts: this request has ${alerts} alerts; at most ${MAX_ALERTS_PER_REQUEST} are taken in one request`;
          return reply.code(400).send({ error, field: 'alerts' });
        }
        // One token per alert, all or none: a batch is never stored in part.
        const admitted = deps.intake.admit(integration, Math.max(1, alerts));
        if (!admitted.allowed) {
          count('rate_limited');
          const error = refusalText(admitted, alerts, deps.intake.rate);
          if (admitted.overBurst) return reply.code(413).send({ error });
          return reply.code(429).header('retry-after', String(admitted.retryAfterSeconds)).send({ error });
        }
        const results = await deps.intake.ingest(integration, parsed.alerts);
        count('accepted');
        return reply.code(200).send({ status: 'ok', alerts: results });
      },
    });
  }
}
