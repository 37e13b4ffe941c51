import type { Incident } from '../../../shared/schemas/incident.js';
import type { Actor } from '../../../shared/schemas/timeline.js';

/**
 * Whose eyes a read of past incidents is for: `everyone` (a board hint, so no confidential incident at
 * all), a person who may see every confidential incident (`all`), or a person who sees the confidential
 * ones on whose need-to-know list they are (`userId`).
 */
export type PastIncidentAudience = { kind: 'everyone' } | { kind: 'all' } | { kind: 'user'; userId: string };

/** What the candidate read compares an incident by. */
export interface SimilarCandidateQuery {
  /** The incident in view, left out of the answer. */
  incidentId: string;
  serviceId: string;
  dedupKey: string;
  source: string;
  audience: PastIncidentAudience;
  /** How many of the most recently first-seen resolved incidents are looked through (a bound, not a page). */
  window: number;
  /** The most candidates kept per reason (same dedup key, same source, same service for labels). */
  perReason: number;
}

/** A past incident offered for comparison, with the integration type and payload of its first alert. */
export interface SimilarCandidateRecord {
  incident: Incident;
  firstAlert: { integrationType: string; payload: unknown } | null;
}

/** How a past incident ended: who resolved it and its post-mortem's action items. */
export interface PastIncidentOutcome {
  incidentId: string;
  resolvedBy: Actor | null;
  actionItems: { title: string; done: boolean }[];
}

/** The store's part for similar past incidents (issue 15). `StoreSession` extends it. */
export interface SimilarSession {
  /**
   * Resolved incidents among the `window` most recently first seen that share the dedup key, the
   * source or the service with the incident in view, at most `perReason` per reason (most recent
   * first), each once; the audience's need-to-know applies inside the query.
   */
  listSimilarCandidates(query: SimilarCandidateQuery): Promise<SimilarCandidateRecord[]>;
  /** The first alert of each incident given (integration type and payload), by incident id. */
  firstAlertsOf(incidentIds: readonly string[]): Promise<Map<string, { integrationType: string; payload: unknown }>>;
  /** How each incident given ended (in the order given). */
  listPastIncidentOutcomes(incidentIds: readonly string[]): Promise<PastIncidentOutcome[]>;
}
