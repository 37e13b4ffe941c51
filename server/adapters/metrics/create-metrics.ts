import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';
import type { OutcomeMetrics } from '../../app/ports/metrics-outcomes.js';
import { createOutcomeSeries } from './outcome-series.js';

/** How an incoming alert ended: taken in, or refused for one of four reasons. */
export type AlertOutcome = 'accepted' | 'invalid' | 'rate_limited' | 'unauthorised' | 'too_large';

/**
 * The relay's Prometheus metrics in their own registry (never prom-client's global one, so tests and
 * several relays in one process do not collide); features increment the counters they own.
 */
export interface Metrics {
  readonly registry: Registry;
  /** `klaxon_alerts_received_total{integration,outcome}`. */
  readonly alertsReceived: Counter<'integration' | 'outcome'>;
  /** `klaxon_incidents_opened_total{priority}`. */
  readonly incidentsOpened: Counter<'priority'>;
  /** `klaxon_dedup_hits_total`: alerts folded into an open incident. */
  readonly dedupHits: Counter;
  /** `klaxon_false_positives_total`: incidents dismissed by triage. */
  readonly falsePositives: Counter;
  /** `klaxon_pages_sent_total{channel}`. */
  readonly pagesSent: Counter<'channel'>;
  /** `klaxon_pages_read_total`. */
  readonly pagesRead: Counter;
  /** `klaxon_escalations_total`: moves to a next escalation level. */
  readonly escalations: Counter;
  /** `klaxon_failovers_total`: escalations that ran out and failed over. */
  readonly failovers: Counter;
  /** `klaxon_socket_connections{namespace}`: sockets connected now. */
  readonly socketConnections: Gauge<'namespace'>;
  /** `klaxon_http_requests_total{route,status}`; `route` is the route pattern, never the raw URL. */
  readonly httpRequests: Counter<'route' | 'status'>;
  /** How the team is doing: response-time histograms, page outcomes, failovers and false positives by label. */
  readonly outcomes: OutcomeMetrics;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  /** The content type of `render()`'s text. */
  readonly contentType: string;
}

/** Creates a fresh registry with the default process metrics and every Klaxon metric. */
export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    alertsReceived: new Counter({
      name: 'klaxon_alerts_received_total',
      help: 'Alerts received, by integration type and outcome (accepted, invalid, rate_limited, unauthorised, too_large).',
      labelNames: ['integration', 'outcome'] as const,
      registers,
    }),
    incidentsOpened: new Counter({
      name: 'klaxon_incidents_opened_total',
      help: 'Incidents opened, by priority.',
      labelNames: ['priority'] as const,
      registers,
    }),
    dedupHits: new Counter({
      name: 'klaxon_dedup_hits_total',
      help: 'Alerts deduplicated into an open incident.',
      registers,
    }),
    falsePositives: new Counter({
      name: 'klaxon_false_positives_total',
      help: 'Incidents dismissed as false positives.',
      registers,
    }),
    pagesSent: new Counter({
      name: 'klaxon_pages_sent_total',
      help: 'Pages sent, by channel.',
      labelNames: ['channel'] as const,
      registers,
    }),
    pagesRead: new Counter({ name: 'klaxon_pages_read_total', help: 'Pages read by their recipient.', registers }),
    escalations: new Counter({
      name: 'klaxon_escalations_total',
      help: 'Escalations to a next level.',
      registers,
    }),
    failovers: new Counter({
      name: 'klaxon_failovers_total',
      help: 'Escalations that went unanswered and failed over.',
      registers,
    }),
    socketConnections: new Gauge({
      name: 'klaxon_socket_connections',
      help: 'Socket.IO connections open now, by namespace.',
      labelNames: ['namespace'] as const,
      registers,
    }),
    httpRequests: new Counter({
      name: 'klaxon_http_requests_total',
      help: 'HTTP requests answered, by route pattern and status code.',
      labelNames: ['route', 'status'] as const,
      registers,
    }),
    outcomes: createOutcomeSeries(registry),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
