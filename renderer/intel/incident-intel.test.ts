import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../../shared/schemas/timeline.js';
import { matchesOf, observablesOf } from './incident-intel.js';

const event = (id: string, data: Record<string, unknown>, type = 'intel.matched'): TimelineEvent =>
  ({ id, incidentId: 'inc_1', at: '2026-12-01T00:00:00.000Z', type, actor: { type: 'system', id: null }, data }) as TimelineEvent;

describe('matchesOf', () => {
  it('reads the matches of intel.matched events, each indicator once; ignores other events and malformed data', () => {
    const m1 = { indicatorId: 'i1', type: 'ip', value: '203.0.113.7', field: 'summary', confidence: 80 };
    const m2 = { indicatorId: 'i2', type: 'domain', value: null, field: 'payload.host', confidence: 60 };
    const timeline = [
      event('e1', { matches: [m1, { bogus: true }] }),
      event('e2', { text: 'hello' }, 'note.added'),
      event('e3', { matches: [m2, { ...m1, field: 'source' }] }),
    ];
    expect(matchesOf(timeline)).toEqual([{ ...m1, field: 'source' }, m2]);
  });
});

describe('observablesOf', () => {
  it('looks in the summary, the source and every alert\'s payload, and marks what the database already holds', () => {
    const found = observablesOf(
      { summary: 'Beacon to 203.0.113.7', source: 'fw1' },
      [
        { summary: 'Beacon to 203.0.113.7', source: 'fw1', payload: { payload: { custom_details: { domain: 'Evil.Example.com' } } } },
        { summary: 'again', source: 'fw1', payload: { cve: 'cve-2024-3400' } },
      ],
      [{ id: 'ind-9', type: 'ip', value: '203.0.113.7' }],
    );
    expect(found).toEqual([
      { type: 'ip', value: '203.0.113.7', field: 'summary', indicatorId: 'ind-9' },
      { type: 'domain', value: 'evil.example.com', field: 'alert 1 payload.payload.custom_details.domain', indicatorId: null },
      { type: 'cve', value: 'CVE-2024-3400', field: 'alert 2 payload.cve', indicatorId: null },
    ]);
  });
});
