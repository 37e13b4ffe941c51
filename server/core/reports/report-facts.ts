import type { Priority } from '../../../shared/schemas/priority.js';

/** What a report needs to know of one incident (instants in epoch ms; null when it never happened). */
export interface ReportIncidentFact {
  id: string;
  firstSeenMs: number;
  priority: Priority;
  teamId: string;
  serviceId: string;
  clientId: string | null;
  confidential: boolean;
  triageVerdict: 'confirmed' | 'false_positive' | null;
  acknowledgedMs: number | null;
  resolvedMs: number | null;
  /** An `escalation.level` event is on its timeline. */
  escalated: boolean;
  /** A `failover.sent` event is on its timeline. */
  failedOver: boolean;
  /** The priority rule that set its priority ("<serviceId>#<n>"), null for the severity default. */
  rule: string | null;
  /** The post-mortem covering it (null: none), its state and its answer to "was it real?". */
  postmortemId: string | null;
  postmortemState: string | null;
  triggerAnswer: string | null;
}

/** One page of an incident a report covers. */
export interface ReportPageFact {
  incidentId: string;
  userId: string;
  channel: string;
  createdMs: number;
  readMs: number | null;
}

/** One action item of a post-mortem. */
export interface ReportActionItemFact {
  postmortemId: string;
  owner: string | null;
  /** A local date "YYYY-MM-DD", or null. */
  dueDate: string | null;
  /** `open`, `done` or `wont_do`. */
  state: string;
}

/** An incident with its first read (the earliest `read_at` of its pages), as the figures use it. */
export interface ReportIncident extends ReportIncidentFact {
  firstReadMs: number | null;
}

/** Adds each incident's first read time from its pages. */
export function withFirstReads(incidents: readonly ReportIncidentFact[], pages: readonly ReportPageFact[]): ReportIncident[] {
  const firstRead = new Map<string, number>();
  for (const page of pages) {
    if (page.readMs === null) continue;
    const seen = firstRead.get(page.incidentId);
    if (seen === undefined || page.readMs < seen) firstRead.set(page.incidentId, page.readMs);
  }
  // Written out field by field: a spread of this many fields makes slow dictionary-mode objects,
  // and every figure reads them tens of thousands of times.
  return incidents.map((i) => ({
    id: i.id,
    firstSeenMs: i.firstSeenMs,
    priority: i.priority,
    teamId: i.teamId,
    serviceId: i.serviceId,
    clientId: i.clientId,
    confidential: i.confidential,
    triageVerdict: i.triageVerdict,
    acknowledgedMs: i.acknowledgedMs,
    resolvedMs: i.resolvedMs,
    escalated: i.escalated,
    failedOver: i.failedOver,
    rule: i.rule,
    postmortemId: i.postmortemId,
    postmortemState: i.postmortemState,
    triggerAnswer: i.triggerAnswer,
    firstReadMs: firstRead.get(i.id) ?? null,
  }));
}
