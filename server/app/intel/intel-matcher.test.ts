import { describe, expect, it } from 'vitest';
import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import { buildIntelIndex } from '../../core/intel/intel-index.js';
import { ChangeSet } from '../incidents/change-set.js';
import type { IncidentLifecycle } from '../ports/incident-lifecycle.js';
import type { StoreSession } from '../ports/store.js';
import { createIntelMatcher } from './intel-matcher.js';

const alert: AlertInput = { action: 'trigger', dedupKey: 'k', summary: 'beacon to 192.0.2.1', severity: 'info', source: 'edr', labels: {}, links: [], payload: {} };
const index = buildIntelIndex([{ id: 'i1', type: 'ip', value: '192.0.2.1', confidence: 90, tags: [], visibility: 'team', expiresAt: null }]);

function matcher(current: () => ReturnType<typeof buildIntelIndex>) {
  const errors: unknown[] = [];
  const m = createIntelMatcher({
    directory: { current, refresh: async () => undefined },
    rules: () => [],
    lifecycle: {} as IncidentLifecycle,
    onError: (error) => errors.push(error),
  });
  return { m, errors };
}

describe('the ingest matcher never fails an ingest', () => {
  it('answers no matches when the index throws, and reports the error', () => {
    const { m, errors } = matcher(() => {
      throw new Error('index broke');
    });
    expect(m.scan(alert, new Date(0))).toEqual([]);
    expect(errors).toHaveLength(1);
  });

  it('keeps the incident as it was when recording fails, with nothing of the match published', async () => {
    const { m, errors } = matcher(() => index);
    const scan = m.scan(alert, new Date(0));
    expect(scan.map((f) => f.indicator.id)).toEqual(['i1']);
    const tx = { savepoint: async () => Promise.reject(new Error('disk full')) } as unknown as StoreSession;
    const changes = new ChangeSet(tx, new Date(0));
    const incident = { id: 'inc-1', priority: 'low' } as Incident;
    expect(await m.record(changes, incident, scan, true)).toBe(incident);
    expect(changes.changes).toEqual([]);
    expect(errors).toHaveLength(1);
  });
});
