import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import { historyHint } from './history-hint.js';
import { labelShare, rankSimilar, scoreSimilar, type SimilarityKey, timeToResolveMs } from './score.js';

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'past-1',
    serviceId: 'core-network',
    teamId: 'noc',
    dedupKey: 'disk-full',
    status: 'resolved',
    priority: 'high',
    severity: 'critical',
    summary: 'Disk full on db-1',
    source: 'db-1',
    alertCount: 1,
    firstSeenAt: '2030-01-01T00:00:00.000Z',
    lastSeenAt: '2030-01-01T00:00:00.000Z',
    acknowledgedAt: null,
    resolvedAt: '2030-01-01T00:10:00.000Z',
    deferredUntil: null,
    escalation: 'stopped',
    triageVerdict: null,
    triageAssignee: null,
    forensicAssignee: null,
    confidential: false,
    links: [],
    externalRef: null,
    seq: 1,
    ...overrides,
  };
}

const target: SimilarityKey = { id: 'now', serviceId: 'core-network', dedupKey: 'disk-full', source: 'db-1', labels: { alertname: 'DiskFull', instance: 'db-1', severity: 'critical' } };

describe('labelShare', () => {
  it('is the Jaccard share of name=value pairs, leaving out severity, priority and status', () => {
    expect(labelShare({ a: '1', b: '2' }, { a: '1', b: '3' })).toBeCloseTo(1 / 3);
    expect(labelShare({ a: '1', severity: 'critical' }, { a: '1', severity: 'info' })).toBe(1);
    expect(labelShare({}, { a: '1' })).toBe(0);
    expect(labelShare({ severity: 'x' }, { severity: 'x' })).toBe(0);
  });
});

describe('scoreSimilar', () => {
  it('names every reason and weighs the same dedup key on the same service highest', () => {
    const all = scoreSimilar(target, { incident: incident(), labels: { alertname: 'DiskFull', instance: 'db-1' }, textRank: 1 });
    expect(all).toEqual({ reasons: ['dedup_key', 'source', 'labels', 'text'], score: 4 + 1.5 + 2.5 + 2 });
    const otherService = scoreSimilar(target, { incident: incident({ serviceId: 'web', source: 'x' }), labels: {} });
    expect(otherService).toEqual({ reasons: ['dedup_key'], score: 3 });
  });

  it('lists a past incident by source alone, by labels alone or by text alone, and not when too little is alike', () => {
    expect(scoreSimilar(target, { incident: incident({ dedupKey: 'k' }), labels: {} })?.reasons).toEqual(['source']);
    expect(scoreSimilar(target, { incident: incident({ dedupKey: 'k', source: 's' }), labels: { alertname: 'DiskFull', instance: 'db-1' } })?.reasons).toEqual(['labels']);
    expect(scoreSimilar(target, { incident: incident({ dedupKey: 'k', source: 's' }), labels: {}, textRank: 0.8 })).toEqual({ reasons: ['text'], score: 1.6 });
    // One label in three in common, a weak text rank: not alike enough.
    expect(scoreSimilar(target, { incident: incident({ dedupKey: 'k', source: 's' }), labels: { alertname: 'DiskFull', job: 'node' }, textRank: 0.2 })).toBeUndefined();
  });

  it('never compares an incident with itself, nor empty dedup keys or sources', () => {
    expect(scoreSimilar(target, { incident: incident({ id: 'now' }), labels: {} })).toBeUndefined();
    expect(scoreSimilar({ ...target, dedupKey: '', source: ' ' }, { incident: incident({ dedupKey: '', source: ' ' }), labels: {} })).toBeUndefined();
  });
});

describe('rankSimilar', () => {
  it('keeps resolved incidents only, best score first, the most recent first at equal scores, each once, at most limit', () => {
    const older = incident({ id: 'older', resolvedAt: '2030-01-01T00:10:00.000Z' });
    const newer = incident({ id: 'newer', resolvedAt: '2030-01-02T00:10:00.000Z' });
    const sourceOnly = incident({ id: 'source-only', dedupKey: 'other' });
    const open = incident({ id: 'open', status: 'triggered', resolvedAt: null });
    const ranked = rankSimilar(
      target,
      [
        { incident: sourceOnly, labels: {} },
        { incident: older, labels: {} },
        { incident: newer, labels: {} },
        { incident: older, labels: {}, textRank: 1 },
        { incident: open, labels: {} },
      ],
      10,
    );
    expect(ranked.map((s) => [s.incident.id, s.reasons])).toEqual([
      ['older', ['dedup_key', 'source', 'text']],
      ['newer', ['dedup_key', 'source']],
      ['source-only', ['source']],
    ]);
    expect(rankSimilar(target, [{ incident: older, labels: {} }, { incident: newer, labels: {} }], 1).map((s) => s.incident.id)).toEqual(['newer']);
  });
});

describe('timeToResolveMs and historyHint', () => {
  it('measures first seen to resolved, and counts verdicts', () => {
    expect(timeToResolveMs(incident())).toBe(600_000);
    expect(timeToResolveMs(incident({ resolvedAt: null }))).toBeNull();
    expect(historyHint([{ triageVerdict: 'false_positive' }, { triageVerdict: 'false_positive' }, { triageVerdict: 'confirmed' }, { triageVerdict: null }])).toEqual({
      similar: 4,
      falsePositives: 2,
      confirmed: 1,
    });
  });
});
