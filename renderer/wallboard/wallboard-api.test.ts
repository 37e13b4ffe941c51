import { describe, expect, it } from 'vitest';
import { createWallboardApi } from './wallboard-api.js';

const incident = (id: string, extra: object = {}) => ({
  id,
  summary: `Incident ${id}`,
  priority: 'high',
  confidential: false,
  firstSeenAt: '2026-11-28T13:00:00.000Z',
  ageSeconds: 3600,
  escalation: 'running',
  clientName: null,
  ...extra,
});
const window7 = { meanSeconds: null, previousMeanSeconds: null, count: 0, daily: [] };
const stats = {
  generatedAt: '2026-11-28T14:00:00.000Z',
  open: { high: 2, medium: 0, low: 0, total: 2, unacknowledged: 2 },
  oldestUnacknowledged: [incident('a', { clientName: 'Acme Corp' }), incident('b')],
  escalations: [{ incident: incident('a', { clientName: 'Acme Corp' }), level: 1, levelCount: 2, pass: 1, passes: 1, paged: [], nextEscalationAt: null }],
  onCall: [],
  alertsPerHour: [],
  responseTimes: { read: window7, acknowledge: window7, resolve: window7 },
  falsePositives: { rate: null, previousRate: null, count: 0, total: 0 },
};

describe('wallboard client names', () => {
  it('keeps the client name the relay sends with an incident, and reads none as null', async () => {
    const fetchImpl = (async () => new Response(JSON.stringify(stats), { status: 200 })) as unknown as typeof fetch;
    const parsed = await createWallboardApi(fetchImpl)('http://relay', 'wb');
    expect(parsed.oldestUnacknowledged.map((i) => i.clientName)).toEqual(['Acme Corp', null]);
    expect(parsed.escalations[0]!.incident.clientName).toBe('Acme Corp');
  });
});
