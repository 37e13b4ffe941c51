import type { JobRecord } from '../ports/store.js';

/**
 * The due row that ends an incident's snooze: one per incident, so snoozing again replaces it, and
 * un-snoozing, acknowledging again or resolving deletes it.
 */
export const snoozeEndJob = {
  kind: 'incident.snooze-end',
  id: (incidentId: string) => `snooze:${incidentId}`,
  make(incidentId: string, dueAt: Date): Omit<JobRecord, 'attempts'> {
    return { id: snoozeEndJob.id(incidentId), kind: snoozeEndJob.kind, incidentId, dueAt, payload: { until: dueAt.toISOString() } };
  },
};
