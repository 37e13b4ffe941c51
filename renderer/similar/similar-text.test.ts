import { describe, expect, it } from 'vitest';
import type { SimilarIncident } from '../../shared/schemas/history.js';
import type { Incident } from '../../shared/schemas/incident.js';
import { hintTag, similarSummary } from './similar-text.js';

function past(resolvedAt: string, verdict: Incident['triageVerdict']): SimilarIncident {
  return {
    incident: { id: resolvedAt, resolvedAt, firstSeenAt: resolvedAt, triageVerdict: verdict } as Incident,
    reasons: ['dedup_key'],
    score: 4,
    timeToResolveMs: 1000,
    actionItems: [],
  };
}

describe('similarSummary', () => {
  it('says "the last N times" while the most recent ones share a verdict, in whatever order they come', () => {
    const list = [past('2030-01-01T00:00:00Z', 'confirmed'), past('2030-01-04T00:00:00Z', 'false_positive'), past('2030-01-03T00:00:00Z', 'false_positive'), past('2030-01-02T00:00:00Z', 'false_positive')];
    expect(similarSummary(list)).toBe('False positive the last 3 times');
    expect(similarSummary([past('2030-01-01T00:00:00Z', 'confirmed')])).toBe('Confirmed the last time');
    expect(similarSummary([past('2030-01-02T00:00:00Z', 'confirmed'), past('2030-01-01T00:00:00Z', 'confirmed')])).toBe('Confirmed the last 2 times');
  });

  it('counts verdicts otherwise, and says when there is nothing', () => {
    expect(similarSummary([past('2030-01-02T00:00:00Z', 'false_positive'), past('2030-01-01T00:00:00Z', 'confirmed'), past('2029-12-31T00:00:00Z', null)])).toBe(
      '3 similar past incidents: 1 false positive, 1 confirmed',
    );
    expect(similarSummary([past('2030-01-02T00:00:00Z', null), past('2030-01-01T00:00:00Z', null)])).toBe('2 similar past incidents');
    expect(similarSummary([])).toBe('No similar past incidents');
  });
});

describe('hintTag', () => {
  it('shows false positives first, confirmed otherwise, and nothing without verdicts', () => {
    expect(hintTag({ similar: 6, falsePositives: 4, confirmed: 1 })).toEqual({ label: 'FP ×4', kind: 'fp', title: '6 similar past incidents: 4 false positives, 1 confirmed' });
    expect(hintTag({ similar: 3, falsePositives: 1, confirmed: 2 })?.label).toBe('Confirmed ×2');
    expect(hintTag({ similar: 2, falsePositives: 0, confirmed: 0 })).toBeUndefined();
    expect(hintTag(null)).toBeUndefined();
    expect(hintTag(undefined)).toBeUndefined();
  });
});
