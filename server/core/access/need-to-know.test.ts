import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { assignmentRefusal, confidentialPageText, mayKnow, pagedIncident, redactIncident } from './need-to-know.js';

const incident: Incident = {
  id: 'i1', serviceId: 's', teamId: 't', dedupKey: 'host-7', status: 'triggered', priority: 'high', severity: 'critical',
  summary: 'Ransomware on host-7', source: 'edr', alertCount: 1, firstSeenAt: '2026-11-28T10:00:00.000Z',
  lastSeenAt: '2026-11-28T10:00:00.000Z', acknowledgedAt: null, resolvedAt: null, deferredUntil: null, escalation: 'running',
  triageVerdict: null, triageAssignee: 'bob', forensicAssignee: null, confidential: true, links: [{ href: 'https://edr/1' }],
  externalRef: '42', clientId: 'acme-bank', seq: 3,
};

describe('mayKnow (need-to-know)', () => {
  it('lets everyone know an incident that is not confidential', () => {
    expect(mayKnow({ ...incident, confidential: false }, [], { userId: 'dan', role: 'responder' })).toBe(true);
  });

  it('lets admins and IR managers know a confidential incident by role', () => {
    expect(mayKnow(incident, [], { userId: 'ann', role: 'ir-manager' })).toBe(true);
    expect(mayKnow(incident, [], { userId: 'root', role: 'admin' })).toBe(true);
  });

  it('lets only the people on the list know a confidential incident, whoever is assigned', () => {
    // bob is the triage assignee but not on the list: assignment alone grants nothing.
    expect(mayKnow(incident, [], { userId: 'bob', role: 'triage-analyst' })).toBe(false);
    expect(mayKnow(incident, ['bob'], { userId: 'bob', role: 'triage-analyst' })).toBe(true);
    expect(mayKnow(incident, ['bob'], { userId: 'dan', role: 'responder' })).toBe(false);
    expect(mayKnow(incident, ['bob'], { userId: 'cara', role: 'forensic-analyst' })).toBe(false);
  });

  it('refuses to assign someone who may not know, with a reason, and allows the people on the list', () => {
    expect(assignmentRefusal(incident, [], { userId: 'bob', role: 'triage-analyst' })).toMatch(/bob is not on .* need-to-know list/);
    expect(assignmentRefusal(incident, ['bob'], { userId: 'bob', role: 'triage-analyst' })).toBeUndefined();
    expect(assignmentRefusal(incident, [], { userId: 'ann', role: 'ir-manager' })).toBeUndefined();
  });
});

describe('redacted views', () => {
  it('keeps what a confidential incident is about out of the redacted incident', () => {
    const seen = redactIncident(incident);
    expect(seen).toMatchObject({ id: 'i1', priority: 'high', status: 'triggered', summary: 'Confidential incident', links: [] });
    // Which client was hit is part of what it is about.
    expect(seen.clientId).toBeNull();
    expect(JSON.stringify(seen)).not.toMatch(/Ransomware|host-7|edr|"42"|acme-bank/);
  });

  it('keeps its threat-intelligence matches and its history hint out of the redacted incident', () => {
    const seen = redactIncident({ ...incident, intelMatches: 2, historyHint: { similar: 4, falsePositives: 3, confirmed: 1 } });
    expect(seen).not.toHaveProperty('intelMatches');
    expect(seen).not.toHaveProperty('historyHint');
  });

  it('pages a confidential incident with exactly the redacted text, and an open one as it is', () => {
    expect(confidentialPageText('Databases')).toBe('Confidential incident on Databases — open Klaxon');
    const paged = pagedIncident(incident, 'Databases');
    expect(paged.summary).toBe('Confidential incident on Databases — open Klaxon');
    expect(JSON.stringify(paged)).not.toMatch(/Ransomware|host-7|edr/);
    const open = { ...incident, confidential: false };
    expect(pagedIncident(open, 'Databases')).toBe(open);
  });
});
