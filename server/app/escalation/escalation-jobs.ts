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

/** The job payload's marker of a send on Web Push alone (the phone app's socket was rung already). */
export const WEB_PUSH_ONLY = 'web-push';

/** The due row that sends a page on Web Push alone, after a level rang the phone app's socket. */
export const webPushJob = {
  make: (incidentId: string, pageId: string, dueAt: Date): Job => ({
    ...sendJob.make(incidentId, pageId, dueAt, 1),
    id: `${sendJob.id(pageId)}:web-push`,
    payload: { pageId, attempt: 1, via: WEB_PUSH_ONLY },
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
