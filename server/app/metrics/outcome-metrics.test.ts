import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent, TimelineEventType } from '../../../shared/schemas/timeline.js';
import type { FeedChange } from '../feed/incident-feed.js';
import { createMetrics } from '../../adapters/metrics/create-metrics.js';
import { createIncidentFeed } from '../feed/incident-feed.js';
import type { Clock } from '../ports/clock.js';
import { createConfiguredLabels } from './configured-labels.js';
import { attachOutcomeMetrics } from './outcome-metrics.js';

const T0 = '2026-11-30T10:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const clock: Clock = { now: () => new Date(T0), setTimer: () => ({ cancel: () => {} }) };

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: 'inc-1', serviceId: 'svc-mail', teamId: 'team-ops', dedupKey: 'k', status: 'triggered', priority: 'high',
  severity: 'critical', summary: 'Mail relay down', source: 'nagios', alertCount: 1, firstSeenAt: T0, lastSeenAt: T0,
  acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'running', triageVerdict: null,
  triageAssignee: null, forensicAssignee: null, confidential: false, links: [], externalRef: null, seq: 1, ...over,
});

const page = (over: Partial<Page> = {}): Page => ({
  id: 'page-1', incidentId: 'inc-1', pageKey: 'l0:u1', userId: 'u1', channel: 'push', state: 'sent', level: 0,
  attempts: 1, createdAt: T0, sentAt: T0, deliveredAt: null, readAt: null, error: null, ...over,
});

let events = 0;
const event = (type: TimelineEventType, seconds: number, data: Record<string, unknown> = {}, incidentId = 'inc-1'): TimelineEvent => ({
  id: `ev-${(events += 1)}`, incidentId, at: at(seconds), type, actor: { type: 'user', id: 'ann' }, data,
});

/** The changes of one acknowledgement, as the use-case publishes them. */
const acknowledged = (seconds: number, over: Partial<Incident> = {}): FeedChange[] => [
  { type: 'timeline:appended', event: event('incident.acknowledged', seconds, {}, over.id ?? 'inc-1') },
  { type: 'incident:updated', incident: incident({ status: 'acknowledged', acknowledgedAt: at(seconds), seq: 2, ...over }) },
];

function world() {
  const metrics = createMetrics();
  const feed = createIncidentFeed((error) => {
    throw error;
  });
  const stored = new Map<string, Incident>();
  const errors: unknown[] = [];
  const listener = attachOutcomeMetrics({
    feed,
    metrics: metrics.outcomes,
    labelsOf: createConfiguredLabels({ listTeams: async () => [{ id: 'team-ops' }], listServices: async () => [{ id: 'svc-mail' }] }, clock),
    incidentOf: async (id) => stored.get(id),
    onError: (error) => errors.push(error),
  });
  const text = async () => {
    await listener.settled();
    expect(errors).toEqual([]);
    return metrics.render();
  };
  return { feed, stored, text, listener };
}

const LABELS = 'priority="high",team="team-ops",service="svc-mail"';

describe('attachOutcomeMetrics', () => {
  it('puts an incident acknowledged after 90 s in the 120 s bucket with its priority, team and service', async () => {
    const { feed, text } = world();
    feed.publish([{ type: 'incident:created', incident: incident() }]);
    feed.publish(acknowledged(90));
    const out = await text();
    expect(out).toContain(`klaxon_time_to_acknowledge_seconds_bucket{le="60",${LABELS}} 0`);
    expect(out).toContain(`klaxon_time_to_acknowledge_seconds_bucket{le="120",${LABELS}} 1`);
    expect(out).toContain(`klaxon_time_to_acknowledge_seconds_sum{${LABELS}} 90`);
    expect(out).toContain(`klaxon_time_to_acknowledge_seconds_count{${LABELS}} 1`);
    expect(out).not.toContain('klaxon_time_to_resolve_seconds_count{');
  });

  it('counts the same change published twice, and later updates of the incident, once', async () => {
    const { feed, text } = world();
    feed.publish([{ type: 'incident:created', incident: incident() }]);
    const ack = acknowledged(90);
    feed.publish(ack);
    feed.publish(ack);
    feed.publish([{ type: 'incident:updated', incident: incident({ status: 'acknowledged', acknowledgedAt: at(90), alertCount: 5, seq: 3 }) }]);
    const resolved = incident({ status: 'resolved', acknowledgedAt: at(90), resolvedAt: at(600), triageVerdict: 'false_positive', seq: 4 });
    const dismiss: FeedChange[] = [
      { type: 'timeline:appended', event: event('triage.verdict', 600, { verdict: 'false_positive', reason: 'test' }) },
      { type: 'timeline:appended', event: event('incident.resolved', 600) },
      { type: 'incident:updated', incident: resolved },
    ];
    feed.publish(dismiss);
    feed.publish(dismiss);
    const out = await text();
    expect(out).toContain(`klaxon_time_to_acknowledge_seconds_count{${LABELS}} 1`);
    expect(out).toContain(`klaxon_time_to_resolve_seconds_count{${LABELS}} 1`);
    expect(out).toContain(`klaxon_time_to_resolve_seconds_sum{${LABELS}} 600`);
    expect(out).toContain(`klaxon_incident_false_positives_total{${LABELS}} 1`);
  });

  it('measures time to read from the first read page only, and counts each page outcome once by channel', async () => {
    const { feed, text } = world();
    feed.publish([{ type: 'incident:created', incident: incident() }]);
    feed.publish([{ type: 'page:updated', page: page() }, { type: 'page:updated', page: page() }]);
    feed.publish([{ type: 'page:updated', page: page({ state: 'read', readAt: at(45) }) }]);
    feed.publish([{ type: 'page:updated', page: page({ id: 'page-2', channel: 'ntfy', state: 'read', readAt: at(400) }) }]);
    feed.publish([{ type: 'page:updated', page: page({ id: 'page-3', channel: 'email', state: 'failed', error: 'smtp' }) }]);
    const out = await text();
    expect(out).toContain(`klaxon_time_to_read_seconds_count{${LABELS}} 1`);
    expect(out).toContain(`klaxon_time_to_read_seconds_sum{${LABELS}} 45`);
    expect(out).toContain('klaxon_page_outcomes_total{channel="push",outcome="sent"} 1');
    expect(out).toContain('klaxon_page_outcomes_total{channel="push",outcome="read"} 1');
    expect(out).toContain('klaxon_page_outcomes_total{channel="ntfy",outcome="read"} 1');
    expect(out).toContain('klaxon_page_outcomes_total{channel="email",outcome="failed"} 1');
  });

  it('reads an incident it has not heard of from the store, and counts a failover event once', async () => {
    const { feed, stored, text } = world();
    stored.set('inc-1', incident());
    const failover = event('failover.sent', 900);
    feed.publish([{ type: 'timeline:appended', event: failover }, { type: 'timeline:appended', event: failover }]);
    feed.publish([{ type: 'page:updated', page: page({ state: 'read', readAt: at(30) }) }]);
    const out = await text();
    expect(out).toContain(`klaxon_incident_failovers_total{${LABELS}} 1`);
    expect(out).toContain(`klaxon_time_to_read_seconds_bucket{le="30",${LABELS}} 1`);
  });

  it('labels an unconfigured team or service "other", never with the alert text', async () => {
    const { feed, text } = world();
    const odd = 'x'.repeat(5000) + '"}\n{evil="1';
    feed.publish(acknowledged(10, { id: 'inc-9', serviceId: odd, teamId: odd, summary: odd }));
    const out = await text();
    expect(out).toContain('klaxon_time_to_acknowledge_seconds_count{priority="high",team="other",service="other"} 1');
    expect(out).not.toContain('xxxxxxxx');
  });

  it('stops counting once stopped', async () => {
    const { feed, text, listener } = world();
    listener.stop();
    feed.publish(acknowledged(10));
    expect(await text()).not.toContain('klaxon_time_to_acknowledge_seconds_count{');
  });

  it('measures nothing from an update of an incident acknowledged and resolved before (as heard after a restart)', async () => {
    const { feed, text } = world();
    const done = incident({ status: 'resolved', acknowledgedAt: at(90), resolvedAt: at(600), triageVerdict: 'false_positive', seq: 9 });
    feed.publish([{ type: 'incident:updated', incident: done }, { type: 'timeline:appended', event: event('note.added', 700) }]);
    const out = await text();
    expect(out).not.toContain('klaxon_time_to_acknowledge_seconds_count{');
    expect(out).not.toContain('klaxon_time_to_resolve_seconds_count{');
    expect(out).not.toContain('klaxon_incident_false_positives_total{');
  });
});
