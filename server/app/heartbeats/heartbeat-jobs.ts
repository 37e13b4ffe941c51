import type { JobRecord } from '../ports/store.js';

/**
 * The due row that checks a heartbeat's deadline: one per heartbeat integration, so a new deadline
 * replaces it. Pings move the stored deadline, not this row; when it runs early it moves itself.
 */
export const deadlineJob = {
  kind: 'heartbeat.deadline',
  id: (integrationId: string) => `heartbeat:${integrationId}`,
  make(integrationId: string, dueAt: Date): Omit<JobRecord, 'attempts'> {
    return { id: deadlineJob.id(integrationId), kind: deadlineJob.kind, incidentId: null, dueAt, payload: { integrationId } };
  },
  /** The integration id a deadline row is for, or undefined for a malformed row. */
  integrationOf(job: Pick<JobRecord, 'payload'>): string | undefined {
    const id = job.payload.integrationId;
    return typeof id === 'string' ? id : undefined;
  },
};
