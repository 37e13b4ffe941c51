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
 * incident's first read page), to acknowledge and to resolve (its first `incident.acknowledged` and
 * `incident.resolved` timeline events, appended once per transition, so a later update of the incident
 * — or one heard after a restart — measures nothing again), page outcomes by channel, failovers and
 * false positives (`failover.sent`, a `false_positive` verdict). Each is counted once per incident (or
 * page, or failover event), however often the same change is published.
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

  /** Records `record` with the incident's labels once per `key`, after the changes before it. */
  const once = (key: string, incidentId: string, record: (of: MeasuredIncident, labels: OutcomeLabels) => void) => {
    if (!counted.remember(key)) return;
    later(async () => {
      const of = await incident(incidentId);
      if (of) record(of, await deps.labelsOf(of));
    });
  };

  const onPage = (page: Page) => {
    if (PAGE_OUTCOMES.has(page.state) && counted.remember(`${page.id}:${page.state}`)) {
      deps.metrics.countPage(page.channel, page.state as PageOutcome);
    }
    const readAt = page.readAt;
    if (readAt === null) return;
    once(`${page.incidentId}:read`, page.incidentId, (of, labels) => deps.metrics.observeResponse('read', labels, secondsBetween(of.firstSeenAt, readAt)));
  };

  const onTimeline = (event: TimelineEvent) => {
    const id = event.incidentId;
    if (event.type === 'incident.acknowledged' || event.type === 'incident.resolved') {
      const kind = event.type === 'incident.acknowledged' ? 'acknowledge' : 'resolve';
      once(`${id}:${kind}`, id, (of, labels) => deps.metrics.observeResponse(kind, labels, secondsBetween(of.firstSeenAt, event.at)));
    } else if (event.type === 'triage.verdict' && event.data.verdict === 'false_positive') {
      once(`${id}:false-positive`, id, (_of, labels) => deps.metrics.countFalsePositive(labels));
    } else if (event.type === 'failover.sent') {
      once(`failover:${event.id}`, id, (_of, labels) => deps.metrics.countFailover(labels));
    }
  };

  const stop = deps.feed.subscribe((change: FeedChange) => {
    if (change.type === 'incident:created' || change.type === 'incident:updated') know(change.incident);
    else if (change.type === 'page:updated') onPage(change.page);
    else onTimeline(change.event);
  });
  return { settled: () => queue, stop };
}
