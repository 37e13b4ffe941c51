import type { Indicator } from '../../../shared/schemas/intel.js';

/** An indicator for tests: a team-visible IP, never expiring, with `over` applied. */
export function indicator(over: Partial<Indicator>): Indicator {
  return {
    id: 'ind-1', type: 'ip', value: '203.0.113.7', tags: [], confidence: 50, source: '', firstSeenAt: '2026-11-01T00:00:00.000Z',
    lastSeenAt: '2026-11-02T00:00:00.000Z', expiresAt: null, notes: '', visibility: 'team', incidentIds: [], createdBy: 'tess',
    createdAt: '2026-11-01T00:00:00.000Z', updatedAt: '2026-11-01T00:00:00.000Z', ...over,
  };
}
