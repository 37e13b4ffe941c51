import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import type { FeedChange, IncidentFeed } from '../feed/incident-feed.js';
import type { OutcomeLabels, OutcomeMetrics, PageOutcome } from '../ports/metrics-outcomes.js';
import { createBoundedMemory } from './bounded-memory.js';

/** How many counted transitions and known incidents are remembered (the oldest are forgotten first). */
const MEMORY = 20_000;

/** What is kept of an incident to measure and label it (never its alert text). */
export type MeasuredIncident = Pick<Incident, 'id' | 'firstSeenAt' | 'priority' | 'teamId' | 'serviceId'>;

const PAGE_OUTCOMES: ReadonlySet<string> = new Set<PageOutcome>(['sent', 'delivered', 'read', 'failed', 'cancelled']);

/** What the outcome metrics need: where they record, how they label, and how they find an incident they have not heard of. */
export interface OutcomeMetricsDeps {
  feed: IncidentFeed;
  metrics: OutcomeMetrics;
  /** The labels of an incident (configured values only). */
  labelsOf(incident: MeasuredIncident): Promise<OutcomeLabels>;
  /** Reads an incident the feed has not shown since start (a page read after a restart). */
  incidentOf(id: string): Promise<Incident | undefined>;
  onError(error: unknown): void;
}

/** The running outcome metrics. */
export interface OutcomeMetricsListener {
  /** Resolves once every change heard so far has been recorded. */
  settled(): Promise<void>;
  /** Stops listening to the feed. */
  stop(): void;
}

/** Seconds from `from` to `to`, never below zero. */
function secondsBetween(from: string, to: string): number {
  return Math.max(0, (Date.parse(to) - Date.parse(from)) / 1000);
}

/**
 * Derives how the team is doing from committed changes on the incident feed: time to read (an
 * incident's first read page), to acknowledge and to resolve, page outcomes by channel, failovers and
 * false positives. Each transition is counted once per incident (or page, or timeline event), however
 * often the same change is published or the incident is updated afterwards.
 */
export function attachOutcomeMetrics(deps: OutcomeMetricsDeps): OutcomeMetricsListener {
  const counted = createBoundedMemory(MEMORY);
  const incidents = new Map<string, MeasuredIncident>();
  let queue: Promise<void> = Promise.resolve();

  const later = (work: () => Promise<void>) => {
    queue = queue.then(work).catch((error: unknown) => deps.onError(error));
  };
  const know = ({ id, firstSeenAt, priority, teamId, serviceId }: Incident) => {
    incidents.delete(id);
    incidents.set(id, { id, firstSeenAt, priority, teamId, serviceId });
    if (incidents.size > MEMORY) incidents.delete(incidents.keys().next().value as string);
  };
  const incident = async (id: string) => incidents.get(id) ?? (await deps.incidentOf(id));

  const onIncident = (next: Incident) => {
    know(next);
    const ack = next.acknowledgedAt !== null && counted.remember(`${next.id}:acknowledge`);
    const resolve = next.resolvedAt !== null && counted.remember(`${next.id}:resolve`);
    const falsePositive = next.triageVerdict === 'false_positive' && counted.remember(`${next.id}:false-positive`);
    if (!ack && !resolve && !falsePositive) return;
    later(async () => {
      const labels = await deps.labelsOf(next);
      if (ack) deps.metrics.observeResponse('acknowledge', labels, secondsBetween(next.firstSeenAt, next.acknowledgedAt!));
      if (resolve) deps.metrics.observeResponse('resolve', labels, secondsBetween(next.firstSeenAt, next.resolvedAt!));
      if (falsePositive) deps.metrics.countFalsePositive(labels);
    });
  };

  const onPage = (page: Page) => {
    if (PAGE_OUTCOMES.has(page.state) && counted.remember(`${page.id}:${page.state}`)) {
      deps.metrics.countPage(page.channel, page.state as PageOutcome);
    }
    const readAt = page.readAt;
    if (readAt === null || !counted.remember(`${page.incidentId}:read`)) return;
    later(async () => {
      const of = await incident(page.incidentId);
      if (of) deps.metrics.observeResponse('read', await deps.labelsOf(of), secondsBetween(of.firstSeenAt, readAt));
    });
  };

  const onTimeline = (event: TimelineEvent) => {
    if (event.type !== 'failover.sent' || !counted.remember(`failover:${event.id}`)) return;
    later(async () => {
      const of = await incident(event.incidentId);
      if (of) deps.metrics.countFailover(await deps.labelsOf(of));
    });
  };

  const stop = deps.feed.subscribe((change: FeedChange) => {
    if (change.type === 'incident:created' || change.type === 'incident:updated') onIncident(change.incident);
    else if (change.type === 'page:updated') onPage(change.page);
    else onTimeline(change.event);
  });
  return { settled: () => queue, stop };
}
