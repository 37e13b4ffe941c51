import type { Priority } from '../../../shared/schemas/priority.js';
import type { ReportFigures } from '../../../shared/schemas/report.js';
import { durationStats, rate } from './duration-stats.js';
import type { ReportIncident } from './report-facts.js';

/** Zero incidents of each priority. */
export function emptyByPriority(): Record<Priority, number> {
  return { high: 0, medium: 0, low: 0 };
}

/** Tells whether an incident counts as a false positive: the triage verdict said so, or its post-mortem said it did not exist. */
export function isFalsePositive(incident: Pick<ReportIncident, 'triageVerdict' | 'triggerAnswer'>): boolean {
  return incident.triageVerdict === 'false_positive' || incident.triggerAnswer === 'did_not_exist';
}

/** Tells whether an incident's post-mortem answered that it could have waited. */
export function couldHaveWaited(incident: Pick<ReportIncident, 'triggerAnswer'>): boolean {
  return incident.triggerAnswer === 'could_have_waited';
}

/**
 * The figures of a slice of incidents. Times run from the incident's first alert (`firstSeenMs`) to
 * its first read page, its acknowledgement and its resolution; each counts only the incidents where
 * that happened. Rates are shares of all the slice's incidents (null for an empty slice).
 */
export function figuresOf(incidents: readonly ReportIncident[]): ReportFigures {
  const byPriority = emptyByPriority();
  const toRead: number[] = [];
  const toAck: number[] = [];
  const toResolve: number[] = [];
  let escalated = 0;
  let failedOver = 0;
  let falsePositives = 0;
  let waited = 0;
  for (const incident of incidents) {
    byPriority[incident.priority] += 1;
    if (incident.firstReadMs !== null) toRead.push(incident.firstReadMs - incident.firstSeenMs);
    if (incident.acknowledgedMs !== null) toAck.push(incident.acknowledgedMs - incident.firstSeenMs);
    if (incident.resolvedMs !== null) toResolve.push(incident.resolvedMs - incident.firstSeenMs);
    if (incident.escalated) escalated += 1;
    if (incident.failedOver) failedOver += 1;
    if (isFalsePositive(incident)) falsePositives += 1;
    if (couldHaveWaited(incident)) waited += 1;
  }
  const n = incidents.length;
  return {
    incidents: n,
    byPriority,
    timeToRead: durationStats(toRead),
    timeToAcknowledge: durationStats(toAck),
    timeToResolve: durationStats(toResolve),
    escalationRate: rate(escalated, n),
    failoverRate: rate(failedOver, n),
    falsePositiveRate: rate(falsePositives, n),
    couldHaveWaitedRate: rate(waited, n),
  };
}
