import type { JobRecord } from '../ports/store.js';

type Job = Omit<JobRecord, 'attempts'>;

/** The due row that wakes an incident's escalation (next level, next page repeat). */
export const stepJob = {
  kind: 'escalation.step',
  id: (incidentId: string) => `step:${incidentId}`,
  make: (incidentId: string, dueAt: Date): Job => ({ id: stepJob.id(incidentId), kind: stepJob.kind, incidentId, dueAt, payload: {} }),
};

/** The due row that sends one page on its channel (an outbox row: committed with the page). */
export const sendJob = {
  kind: 'page.send',
  id: (pageId: string) => `send:${pageId}`,
  make: (incidentId: string, pageId: string, dueAt: Date, attempt: number): Job => ({
    id: sendJob.id(pageId),
    kind: sendJob.kind,
    incidentId,
    dueAt,
    payload: { pageId, attempt },
  }),
};

/** The due row that e-mails the failover report. */
export const failoverJob = {
  kind: 'failover.mail',
  id: (incidentId: string) => `failover:${incidentId}`,
  make: (incidentId: string, dueAt: Date, emails: string[]): Job => ({
    id: failoverJob.id(incidentId),
    kind: failoverJob.kind,
    incidentId,
    dueAt,
    payload: { emails },
  }),
};

/** A page's relay-wide id: the incident, the escalation's page key and the channel. */
export function pageIdOf(incidentId: string, pageKey: string, channel: string): string {
  return `${incidentId}/${pageKey}/${channel}`;
}
