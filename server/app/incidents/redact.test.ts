import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { incidentFor, mayKnow } from './redact.js';

const incident: Incident = {
  id: 'i1', serviceId: 's', teamId: 't', dedupKey: 'host-7', status: 'triggered', priority: 'high', severity: 'critical',
  summary: 'Ransomware on host-7', source: 'edr', alertCount: 1, firstSeenAt: '2026-11-28T10:00:00.000Z',
  lastSeenAt: '2026-11-28T10:00:00.000Z', acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'running',
  triageVerdict: null, triageAssignee: 'bob', forensicAssignee: null, confidential: true, links: [{ href: 'https://edr/1' }],
  externalRef: '42', seq: 3,
};

describe('need-to-know', () => {
  it('shows confidential details to managers and assignees only', () => {
    expect(mayKnow({ id: 'ann', role: 'ir-manager' }, incident)).toBe(true);
    expect(mayKnow({ id: 'bob', role: 'triage-analyst' }, incident)).toBe(true);
    expect(mayKnow({ id: 'dan', role: 'responder' }, incident)).toBe(false);
  });

  it('hides what a confidential incident is about but keeps its state', () => {
    const seen = incidentFor({ id: 'dan', role: 'responder' }, incident);
    expect(seen).toMatchObject({ id: 'i1', priority: 'high', status: 'triggered', summary: 'Confidential incident', links: [] });
    expect(JSON.stringify(seen)).not.toContain('Ransomware');
    expect(incidentFor({ id: 'dan', role: 'responder' }, { ...incident, confidential: false }).summary).toBe(incident.summary);
  });
});
