import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
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
