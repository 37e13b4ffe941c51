import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { PastIncidentAudience, SimilarCandidateQuery } from '../ports/similar-store.js';
import { createSimilarFinder, type SimilarFinderDeps } from './similar-finder.js';

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    serviceId: 'rmm',
    teamId: 'noc',
    dedupKey: 'disk-full',
    status: 'resolved',
    priority: 'high',
    severity: 'critical',
    summary: 'Disk full',
    source: 'db-1',
    alertCount: 1,
    firstSeenAt: '2030-01-01T00:00:00.000Z',
    lastSeenAt: '2030-01-01T00:00:00.000Z',
    acknowledgedAt: null,
    resolvedAt: '2030-01-01T00:05:00.000Z',
    deferredUntil: null,
    escalation: 'stopped',
    triageVerdict: 'false_positive',
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: [],
    externalRef: null,
    seq: 1,
    ...overrides,
  };
}

/** A store answering from fixed incidents, recording the audiences it was asked for. */
function fakeStore(current: Incident, candidates: Incident[], needToKnow: string[] = []) {
  const audiences: PastIncidentAudience[] = [];
  const store: SimilarFinderDeps['store'] = {
    getIncident: async (id) => (id === current.id ? current : undefined),
    listNeedToKnow: async (id) => (id === current.id ? needToKnow.map((userId) => ({ incidentId: id, userId, addedBy: 'ann', addedAt: new Date(0) })) : []),
    listIncidentsKnownTo: async () => [],
    listPages: async () => [],
    listSimilarCandidates: async (query: SimilarCandidateQuery) => {
      audiences.push(query.audience);
      return candidates.map((c) => ({ incident: c, firstAlert: c.id === 'labelled' ? { integrationType: 'alertmanager', payload: { alert: { labels: { alertname: 'DiskFull' } } } } : null }));
    },
    firstAlertsOf: async (ids) =>
      new Map(ids.filter((id) => id === current.id || id === 'wordy').map((id) => [id, { integrationType: 'alertmanager', payload: { alert: { labels: { alertname: 'DiskFull' } } } }])),
    listPastIncidentOutcomes: async (ids) => ids.map((incidentId) => ({ incidentId, resolvedBy: { type: 'user' as const, id: 'bob' }, actionItems: [{ title: 'Raise the threshold', done: false }] })),
  };
  return { store, audiences };
}

describe('createSimilarFinder', () => {
  it('answers not_found for an unknown incident and for a confidential one the viewer may not know', async () => {
    const secret = incident('now', { status: 'triggered', confidential: true });
    const { store } = fakeStore(secret, [], ['cara']);
    const finder = createSimilarFinder({ store });
    expect(await finder.forViewer({ userId: 'bob', role: 'triage-analyst' }, 'nope')).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await finder.forViewer({ userId: 'bob', role: 'triage-analyst' }, 'now')).toMatchObject({ ok: false, error: { code: 'not_found', field: 'id' } });
    expect((await finder.forViewer({ userId: 'cara', role: 'forensic-analyst' }, 'now')).ok).toBe(true);
  });

  it('reads as the viewer may know (managers everything), scores labels and text, adds outcomes, and hints the board for everyone', async () => {
    const current = incident('now', { status: 'triggered', source: 'db-9', dedupKey: 'other' });
    const labelled = incident('labelled', { source: 'x', dedupKey: 'x' });
    const plain = incident('plain', { source: 'x', dedupKey: 'x' });
    const wordy = incident('wordy', { source: 'y', dedupKey: 'y', triageVerdict: 'confirmed' });
    const { store, audiences } = fakeStore(current, [labelled, plain]);
    const finder = createSimilarFinder({ store, textCandidates: async () => [{ incident: wordy, rank: 1 }] });
    const result = await finder.forViewer({ userId: 'bob', role: 'triage-analyst' }, 'now');
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value.similar.map((s) => [s.incident.id, s.reasons])).toEqual([
      ['wordy', ['labels', 'text']],
      ['labelled', ['labels']],
    ]);
    expect(result.value.similar[0]).toMatchObject({ timeToResolveMs: 300_000, resolvedBy: { type: 'user', id: 'bob' }, actionItems: [{ title: 'Raise the threshold', done: false }] });
    expect(result.value.hint).toEqual({ similar: 2, falsePositives: 1, confirmed: 1 });
    await finder.forViewer({ userId: 'ann', role: 'ir-manager' }, 'now');
    expect(await finder.hintFor(current)).toEqual({ similar: 2, falsePositives: 1, confirmed: 1 });
    expect(audiences).toEqual([{ kind: 'user', userId: 'bob' }, { kind: 'all' }, { kind: 'everyone' }]);
  });
});
