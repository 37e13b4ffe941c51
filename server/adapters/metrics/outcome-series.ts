import { Counter, Histogram, type Registry } from 'prom-client';
import type { OutcomeMetrics, ResponseTime } from '../../app/ports/metrics-outcomes.js';

/** Buckets of the response-time histograms, in seconds: 30 s up to three days. */
export const RESPONSE_BUCKETS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200] as const;

const INCIDENT_LABELS = ['priority', 'team', 'service'] as const;

/**
 * Creates the Prometheus series of how the team is doing in `registry`: three response-time
 * histograms, page outcomes by channel, failovers and false positives by priority, team and service.
 */
export function createOutcomeSeries(registry: Registry): OutcomeMetrics {
  const registers = [registry];
  const histogram = (kind: string, what: string) =>
    new Histogram({
      name: `klaxon_time_to_${kind}_seconds`,
      help: `Seconds from an incident's first alert to ${what}, by priority, team and service.`,
      labelNames: INCIDENT_LABELS,
      buckets: [...RESPONSE_BUCKETS],
      registers,
    });
  const times: Record<ResponseTime, Histogram<(typeof INCIDENT_LABELS)[number]>> = {
    read: histogram('read', 'its first page being read'),
    acknowledge: histogram('acknowledge', 'its acknowledgement'),
    resolve: histogram('resolve', 'its resolve'),
  };
  const pages = new Counter({
    name: 'klaxon_page_outcomes_total',
    help: 'Pages reaching an outcome (sent, delivered, read, failed, cancelled), by channel.',
    labelNames: ['channel', 'outcome'] as const,
    registers,
  });
  const failovers = new Counter({
    name: 'klaxon_incident_failovers_total',
    help: 'Failovers of unanswered incidents, by priority, team and service.',
    labelNames: INCIDENT_LABELS,
    registers,
  });
  const falsePositives = new Counter({
    name: 'klaxon_incident_false_positives_total',
    help: 'Incidents dismissed as false positives, by priority, team and service.',
    labelNames: INCIDENT_LABELS,
    registers,
  });
  return {
    observeResponse: (kind, labels, seconds) => times[kind].observe({ ...labels }, seconds),
    countPage: (channel, outcome) => pages.inc({ channel, outcome }),
    countFailover: (labels) => failovers.inc({ ...labels }),
    countFalsePositive: (labels) => falsePositives.inc({ ...labels }),
  };
}
