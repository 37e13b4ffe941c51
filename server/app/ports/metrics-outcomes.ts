import type { Priority } from '../../../shared/schemas/priority.js';
import type { Channel } from '../../../shared/schemas/user.js';

/**
 * The labels of an incident's outcome metrics. Every value comes from configuration (a priority, a
 * configured team's id, a configured service's id, or `other`), never from alert text, so the number
 * of series stays bounded.
 */
export interface OutcomeLabels {
  priority: Priority;
  team: string;
  service: string;
}

/** The three response times an incident is measured by. */
export type ResponseTime = 'read' | 'acknowledge' | 'resolve';

/** What became of a page, as counted by channel. */
export type PageOutcome = 'sent' | 'delivered' | 'read' | 'failed' | 'cancelled';

/** The metrics of how the team is doing, as the app layer records them; the adapter makes them Prometheus series. */
export interface OutcomeMetrics {
  /** Records one incident's time from first seen to its first read page, acknowledgement or resolve. */
  observeResponse(kind: ResponseTime, labels: OutcomeLabels, seconds: number): void;
  /** Counts one page reaching an outcome on a channel. */
  countPage(channel: Channel, outcome: PageOutcome): void;
  /** Counts one failover of an incident. */
  countFailover(labels: OutcomeLabels): void;
  /** Counts one incident dismissed as a false positive. */
  countFalsePositive(labels: OutcomeLabels): void;
}
