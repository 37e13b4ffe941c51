import type { Incident } from '../../../shared/schemas/incident.js';

/** What a Teams channel is told about an incident change (names already looked up). */
export interface IncidentCardInput {
  incident: Pick<Incident, 'id' | 'summary' | 'priority' | 'status' | 'confidential' | 'firstSeenAt'>;
  /** What happened, in a few words: "Triggered", "Acknowledged by Ann Example", "Resolved". */
  headline: string;
  serviceName: string;
  clientName: string | null;
  /** Where the incident opens in Klaxon. */
  incidentUrl: string;
}

/** A stakeholder status update as a Teams channel gets it (already rendered, already redacted). */
export interface StatusCardInput {
  subject: string;
  body: string;
  /** Where the incident opens in Klaxon, for the card's "Open in Klaxon"; null for none. */
  incidentUrl: string | null;
}

/** What a post achieved; a failure says whether it may pass, and how long Teams asked to wait. */
export type TeamsPostResult = { ok: true } | { ok: false; error: string; retryable: boolean; retryAfterMs?: number };

/**
 * Posts Adaptive Cards to a Teams channel's webhook (Workflows or incoming webhook). It never throws
 * for a refused post, and its errors never quote the webhook URL (a secret).
 */
export interface TeamsWebhook {
  postIncident(webhookUrl: string, card: IncidentCardInput, now: Date): Promise<TeamsPostResult>;
  postStatus(webhookUrl: string, card: StatusCardInput, now: Date): Promise<TeamsPostResult>;
}
