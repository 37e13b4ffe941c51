import type { Postmortem } from '../../../shared/schemas/postmortem.js';
import type { ExportNames } from './export-document.js';

/**
 * A complete signed-off post-mortem for tests of the exports: two pages (one failed), an
 * escalation, a failover, answered questions, action items and a comment. `edit` changes a copy.
 */
export function examplePostmortem(edit: (pm: Postmortem) => void = () => {}): Postmortem {
  const pm: Postmortem = {
    id: 'pm-1',
    incidentIds: ['inc-1'],
    state: 'signed_off',
    reason: 'high-priority',
    dueAt: '2026-12-07T10:00:00.000Z',
    fields: {
      summary: 'The backup disk of the file server filled up.\nNightly backups failed for two days.',
      impact: 'No backups for 48 hours.',
      rootCause: 'Retention was set to 90 days instead of 9.',
      contributingFactors: 'The disk alert went to an e-mail nobody reads.',
      questions: {
        trigger: 'real',
        delivery: { answer: 'missed', who: ['bob'], note: 'Bob was on leave.' },
        information: { enough: false, missing: 'The alert did not say which share.' },
      },
      actionItems: [
        { id: 'a1', title: 'Fix the retention policy', owner: 'ann', dueDate: '2026-12-10', state: 'open', link: { kind: 'runbook', ref: 'fileserver' } },
        { id: 'a2', title: 'Name the share in the alert', owner: null, dueDate: null, state: 'done', link: null },
      ],
    },
    stamps: {} as Postmortem['stamps'],
    digest: {
      incidentIds: ['inc-1'],
      priority: 'high',
      summary: 'Disk full on fs-01',
      serviceId: 'fileserver',
      teamId: 'noc',
      clientId: 'acme',
      steps: [
        { at: '2026-11-30T10:00:00.000Z', kind: 'first-alert', who: null, detail: 'from rmm-agent-7' },
        { at: '2026-11-30T10:00:05.000Z', kind: 'first-page', who: 'bob', detail: 'push' },
        { at: '2026-11-30T10:05:05.000Z', kind: 'escalated', who: null, detail: 'to level 2' },
        { at: '2026-11-30T10:06:00.000Z', kind: 'first-read', who: 'ann', detail: '' },
        { at: '2026-11-30T10:07:30.000Z', kind: 'acknowledged', who: 'ann', detail: '' },
        { at: '2026-11-30T12:00:00.000Z', kind: 'resolved', who: 'ann', detail: '' },
      ],
      firstAlertAt: '2026-11-30T10:00:00.000Z',
      firstPageAt: '2026-11-30T10:00:05.000Z',
      firstReadAt: '2026-11-30T10:06:00.000Z',
      acknowledgedAt: '2026-11-30T10:07:30.000Z',
      resolvedAt: '2026-11-30T12:00:00.000Z',
      timeToReadMs: 360_000,
      timeToAcknowledgeMs: 450_000,
      timeToResolveMs: 7_200_000,
      pages: [
        { userId: 'bob', channel: 'push', level: 1, failover: false, sentAt: '2026-11-30T10:00:05.000Z', readAt: null, state: 'cancelled', error: null },
        { userId: 'bob', channel: 'email', level: 1, failover: false, sentAt: null, readAt: null, state: 'failed', error: 'no e-mail address' },
        { userId: 'ann', channel: 'push', level: 2, failover: false, sentAt: '2026-11-30T10:05:06.000Z', readAt: '2026-11-30T10:06:00.000Z', state: 'read', error: null },
      ],
      failedPages: 1,
      escalations: 1,
      failover: null,
      foldedAlerts: 3,
      triageVerdict: 'confirmed',
      priorityRule: 'disk-full-is-high',
    },
    comments: [{ id: 'c1', authorId: 'carol', at: '2026-12-01T09:00:00.000Z', body: 'Agreed; the retention fix is the main item.' }],
    createdAt: '2026-11-30T12:00:00.000Z',
    updatedAt: '2026-12-01T09:30:00.000Z',
    reviewRequestedBy: 'ann',
    signedOffBy: 'carol',
    signedOffAt: '2026-12-01T09:30:00.000Z',
    version: 7,
  };
  edit(pm);
  return pm;
}

/** The display names of the example's people, service, team and client. */
export const EXAMPLE_NAMES: ExportNames = {
  users: { ann: 'Ann Admin', bob: 'Bob Responder', carol: 'Carol Manager' },
  services: { fileserver: 'File server' },
  teams: { noc: 'NOC' },
  clients: { acme: 'Acme Corp' },
};
