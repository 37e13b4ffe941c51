import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { makeIncident } from '../../adapters/store/contract/fixtures.js';
import { planCalls, planTicket, type PlanContext } from './plan-calls.js';

const incident = (overrides: Partial<Incident> = {}): Incident => ({ ...makeIncident({ summary: 'Disk full on db-1', source: 'db-1' }), seq: 1, ...overrides });
const context = (overrides: Partial<Incident> = {}): PlanContext => ({
  incident: incident(overrides),
  serviceName: 'Databases',
  incidentUrl: 'https://klaxon.example.com/#/incidents/i-1',
  nameOf: (id) => ({ ann: 'Ann Example', cara: 'Cara Example' })[id ?? ''] ?? id ?? 'nobody',
});
const event = (type: TimelineEvent['type'], data: Record<string, unknown> = {}, actor: TimelineEvent['actor'] = { type: 'user', id: 'ann' }): TimelineEvent => ({
  id: 'e', incidentId: 'i-1', at: '2030-01-01T00:00:00.000Z', type, actor, data,
});

describe('planTicket', () => {
  it('carries summary, service, source, priority and the link back', () => {
    const call = planTicket(context());
    expect(call).toMatchObject({ kind: 'create', summary: 'Disk full on db-1', priority: 'high' });
    if (call.kind !== 'create') throw new Error('not a create');
    expect(call.description).toContain('Service: Databases');
    expect(call.description).toContain('Source: db-1');
    expect(call.description).toContain('https://klaxon.example.com/#/incidents/i-1');
  });

  it('names only the service of a confidential incident', () => {
    const call = planTicket(context({ confidential: true }));
    expect(JSON.stringify(call)).not.toMatch(/Disk full|db-1/);
    expect(call).toMatchObject({ summary: 'Confidential incident on Databases — open Klaxon' });
  });
});

describe('planCalls', () => {
  it('acknowledge: status, then a discussion note naming who', () => {
    expect(planCalls(event('incident.acknowledged'), context(), false)).toEqual([
      { kind: 'status', status: 'acknowledged' },
      { kind: 'note', text: 'Acknowledged in Klaxon by Ann Example.', internal: false },
    ]);
  });

  it('a false positive closes the ticket with its reason as the resolution', () => {
    expect(planCalls(event('triage.verdict', { verdict: 'false_positive', reason: 'backup job' }), context(), false)).toEqual([
      { kind: 'note', text: 'Dismissed as a false positive by Ann Example: backup job', internal: false, resolution: true },
      { kind: 'status', status: 'resolved' },
    ]);
  });

  it('the resolve that follows a dismissal sets the status without a second resolution note', () => {
    expect(planCalls(event('incident.resolved'), context({ triageVerdict: 'false_positive', status: 'resolved' }), false)).toEqual([{ kind: 'status', status: 'resolved' }]);
  });

  it('evidence becomes an internal note with the hash and the custodian', () => {
    const [note] = planCalls(event('evidence.added', { sha256: 'ab'.repeat(32), fileName: 'dump.bin', size: 10, description: 'memory' }, { type: 'user', id: 'cara' }), context(), false);
    expect(note).toMatchObject({ kind: 'note', internal: true });
    expect(note && 'text' in note ? note.text : '').toContain(`SHA-256: ${'ab'.repeat(32)}`);
    expect(note && 'text' in note ? note.text : '').toContain('by Cara Example (custodian)');
  });

  it('a failover report is an internal note', () => {
    const [note] = planCalls(event('failover.sent', { emails: ['lead@example.com'], users: ['cara'], unreadPages: 2 }, { type: 'system', id: null }), context(), false);
    expect(note).toMatchObject({ kind: 'note', internal: true, text: 'Failover: nobody answered the escalation (2 page(s) unread); the failover went to 1 e-mail address(es) and Cara Example.' });
  });

  it('a confidential incident\'s notes and verdicts say what happened, never the content', () => {
    const secret = context({ confidential: true });
    const calls = [
      ...planCalls(event('note.added', { text: 'attacker 203.0.113.9' }), secret, false),
      ...planCalls(event('triage.verdict', { verdict: 'false_positive', reason: 'HR test' }), secret, false),
      ...planCalls(event('evidence.added', { sha256: 'cd'.repeat(32), description: 'payroll export' }), secret, false),
    ];
    expect(JSON.stringify(calls)).not.toMatch(/203\.0\.113\.9|HR test|payroll|cdcd|Ann/);
    expect(calls.filter((c) => c.kind === 'status')).toEqual([{ kind: 'status', status: 'resolved' }]);
  });

  it('writes nothing back for changes ConnectWise itself made (a callback resolving its own ticket)', () => {
    const source = { type: 'source', id: 'connectwise' } as const;
    expect(planCalls(event('incident.resolved', {}, source), context(), true)).toEqual([]);
    expect(planCalls(event('incident.acknowledged', {}, source), context(), true)).toEqual([]);
    // A person's resolve of the same incident is written.
    expect(planCalls(event('incident.resolved'), context(), true)).toHaveLength(2);
  });

  it('ignores events that are not for the ticket (pages, escalation steps, its own outcomes)', () => {
    for (const type of ['page.sent', 'escalation.level', 'alert.folded', 'connectwise.synced'] as const) {
      expect(planCalls(event(type), context(), false)).toEqual([]);
    }
  });
});
