import { describe, expect, it } from 'vitest';
import type { HistoryHint, Incident } from '../../../shared/schemas/incident.js';
import { createManualClock } from '../../../tests/support/manual-clock.js';
import { createIncidentFeed, type FeedChange } from '../feed/incident-feed.js';
import type { Store } from '../ports/store.js';
import { createHistoryHints } from './history-hints.js';

/** A store holding incidents by id, counting transactions; enough for the hint writer. */
function fakeStore(ids: readonly string[]) {
  const incidents = new Map(ids.map((id) => [id, { id, historyHint: null } as unknown as Incident]));
  let transactions = 0;
  const session = {
    getIncident: async (id: string) => incidents.get(id),
    updateIncident: async (id: string, patch: { historyHint: HistoryHint }) => {
      const incident = incidents.get(id);
      if (!incident) return undefined;
      const updated = { ...incident, ...patch };
      incidents.set(id, updated);
      return updated;
    },
  };
  const store = {
    ...session,
    transaction: async <T>(work: (tx: typeof session) => Promise<T>) => {
      transactions += 1;
      return work(session);
    },
  } as unknown as Store;
  return { store, incidents, transactions: () => transactions };
}

describe('createHistoryHints', () => {
  it('writes the hints of a batch in one transaction, publishes them as incident updates, and skips incidents with no similar past', async () => {
    const { store, incidents, transactions } = fakeStore(['a', 'b', 'c']);
    const feed = createIncidentFeed();
    const heard: FeedChange[] = [];
    feed.subscribe((change) => heard.push(change));
    const hint = (id: string): HistoryHint => (id === 'b' ? { similar: 0, falsePositives: 0, confirmed: 0 } : { similar: 3, falsePositives: 2, confirmed: 1 });
    const hints = createHistoryHints({ store, feed, pokeJobs: () => {}, clock: createManualClock(), finder: { hintFor: async (i) => hint(i.id) } });
    expect(hints.enqueue('a')).toBe(true);
    expect(hints.enqueue('b')).toBe(true);
    expect(hints.enqueue('c')).toBe(true);
    expect(hints.enqueue('c')).toBe(false);
    expect(heard).toEqual([]);
    await hints.idle();
    expect(transactions()).toBe(1);
    expect(heard.map((c) => (c.type === 'incident:updated' ? c.incident.id : c.type))).toEqual(['a', 'c']);
    expect(incidents.get('a')?.historyHint).toEqual({ similar: 3, falsePositives: 2, confirmed: 1 });
    expect(incidents.get('b')?.historyHint).toBeNull();
  });

  it('skips new incidents while the queue is full, and one failing hint does not stop the others', async () => {
    const ids = Array.from({ length: 10 }, (_, i) => `i${i}`);
    const { store, incidents } = fakeStore(ids);
    const failed: string[] = [];
    const hints = createHistoryHints({
      store,
      feed: createIncidentFeed(),
      pokeJobs: () => {},
      clock: createManualClock(),
      maxPending: 4,
      batchSize: 2,
      finder: {
        hintFor: async (incident) => {
          if (incident.id === 'i1') throw new Error('store away');
          return { similar: 1, falsePositives: 1, confirmed: 0 };
        },
      },
      onError: (_error, id) => failed.push(id),
    });
    const queued = ids.map((id) => hints.enqueue(id));
    expect(queued).toEqual([true, true, true, true, false, false, false, false, false, false]);
    expect(hints.skipped).toBe(6);
    await hints.idle();
    expect(failed).toEqual(['i1']);
    expect(['i0', 'i2', 'i3'].map((id) => incidents.get(id)?.historyHint?.falsePositives)).toEqual([1, 1, 1]);
    expect(incidents.get('i5')?.historyHint).toBeNull();
    // Once drained, the queue takes incidents again.
    expect(hints.enqueue('i5')).toBe(true);
    await hints.idle();
    expect(incidents.get('i5')?.historyHint).toEqual({ similar: 1, falsePositives: 1, confirmed: 0 });
  });
});
