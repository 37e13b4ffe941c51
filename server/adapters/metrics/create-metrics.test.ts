import { describe, expect, it } from 'vitest';
import { createMetrics } from './create-metrics.js';

describe('createMetrics', () => {
  it('exposes the process metrics and every Klaxon metric in Prometheus text', async () => {
    const metrics = createMetrics();
    metrics.alertsReceived.inc({ integration: 'events-v2', outcome: 'accepted' });
    metrics.socketConnections.inc({ namespace: '/console' });
    const text = await metrics.render();
    expect(text).toContain('process_cpu_user_seconds_total');
    expect(text).toContain('klaxon_alerts_received_total{integration="events-v2",outcome="accepted"} 1');
    expect(text).toContain('klaxon_socket_connections{namespace="/console"} 1');
    for (const name of [
      'klaxon_incidents_opened_total',
      'klaxon_dedup_hits_total',
      'klaxon_false_positives_total',
      'klaxon_pages_sent_total',
      'klaxon_pages_read_total',
      'klaxon_escalations_total',
      'klaxon_failovers_total',
      'klaxon_http_requests_total',
    ]) {
      expect(text).toContain(`# TYPE ${name}`);
    }
    expect(metrics.contentType).toMatch(/^text\/plain/);
  });

  it('keeps each registry apart', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.dedupHits.inc();
    expect(await b.render()).toContain('klaxon_dedup_hits_total 0');
  });
});
