import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import { failoverReport } from './failover-report.js';

const incident: Incident = {
  id: 'i1', serviceId: 'rmm', teamId: 'noc', dedupKey: 'host-7', status: 'triggered', priority: 'high', severity: 'critical',
  summary: 'Ransomware on host-7', source: 'edr-console', alertCount: 2, firstSeenAt: '2026-11-28T10:00:00.000Z',
  lastSeenAt: '2026-11-28T10:01:00.000Z', acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'unanswered',
  triageVerdict: null, triageAssignee: null, forensicAssignee: null, confidential: true, links: [], externalRef: null, seq: 4,
};
const event = (type: TimelineEvent['type'], data: Record<string, unknown>): TimelineEvent => ({
  id: type, incidentId: 'i1', at: '2026-11-28T10:02:00.000Z', type, actor: { type: 'user', id: 'ann' }, data,
});
const timeline = [
  event('note.added', { text: 'Patient zero is the CFO laptop' }),
  event('evidence.added', { description: 'RAM dump of host-7', sha256: 'ab', fileName: 'cfo.raw' }),
  event('escalation.level', { level: 1 }),
];

describe('the failover report', () => {
  it('carries no summary, source, notes, evidence or details of a confidential incident', () => {
    const mail = failoverReport(pagedIncident(incident, 'RMM alerts'), [], timeline, new Map(), 'https://k/#/incidents/i1', ['lead@example.com']);
    const text = `${mail.subject}\n${mail.text}`;
    expect(mail.subject).toBe('[Klaxon] UNANSWERED high: Confidential incident on RMM alerts — open Klaxon');
    for (const secret of ['Ransomware', 'host-7', 'edr-console', 'CFO', 'RAM dump', 'cfo.raw']) expect(text).not.toContain(secret);
    expect(text).toContain('escalation.level by ann');
  });

  it('keeps the full details of an open incident', () => {
    const mail = failoverReport({ ...incident, confidential: false }, [], timeline, new Map(), 'https://k', ['lead@example.com']);
    expect(mail.text).toContain('Ransomware on host-7');
    expect(mail.text).toContain('Patient zero is the CFO laptop');
  });
});

const openIncident = {
  id: 'i1',
  serviceId: 'rmm',
  priority: 'high',
  summary: 'Disk full on srv1',
  source: 'srv1',
  status: 'triggered',
  alertCount: 1,
  firstSeenAt: '2026-11-02T14:00:00.000Z',
  lastSeenAt: '2026-11-02T14:00:00.000Z',
} as Incident;
const page = (over: Partial<Page>): Page => ({
  id: 'p',
  incidentId: 'i1',
  pageKey: '0:0:bob',
  userId: 'bob',
  channel: 'push',
  state: 'sent',
  level: 0,
  attempts: 1,
  createdAt: '2026-11-02T14:00:00.000Z',
  sentAt: null,
  deliveredAt: null,
  readAt: null,
  error: null,
  ...over,
});

describe('failoverReport', () => {
  it('lists failed pages with their reason and labels failover recipients "failover", not a level', () => {
    const mail = failoverReport(
      openIncident,
      [
        page({ state: 'failed', error: 'bob has no paired phone and no push subscription' }),
        page({ pageKey: 'failover:ann', userId: 'ann', level: 2 }),
      ],
      [],
      new Map([['bob', 'Bob Example']]),
      'http://klaxon.test/#/incidents/i1',
      ['lead@example.com'],
    );
    expect(mail.text).toContain('Bob Example (bob) · push · level 1 · FAILED · ');
    expect(mail.text).toContain('error: bob has no paired phone and no push subscription');
    expect(mail.text).toContain('ann · push · failover · SENT');
    expect(mail.text).not.toContain('level 3');
  });
});
