import { describe, expect, it } from 'vitest';
import type { Incident } from '../../shared/schemas/incident.js';
import { emptyFilter, incidentComparator, incidentMatcher, queryBoard } from './board-query.js';
import { updateSorted } from './board-sorted.js';
import { makeIncident } from './testing/board-fakes.js';

/** A small deterministic random generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('updateSorted', () => {
  it('gives the same rows as a full filter and sort after every batch of random changes', () => {
    const next = random(7);
    const priorities = ['high', 'medium', 'low'] as const;
    const statuses = ['triggered', 'acknowledged'] as const;
    const make = (i: number, seq: number): Incident =>
      makeIncident(`i${i}`, {
        seq,
        priority: priorities[Math.floor(next() * 3)]!,
        status: statuses[Math.floor(next() * 2)]!,
        summary: `summary ${Math.floor(next() * 40)}`,
        firstSeenAt: new Date(Date.UTC(2026, 10, 28, 10, 0, Math.floor(next() * 50))).toISOString(),
      });
    const byId = new Map<string, Incident>();
    for (let i = 0; i < 300; i++) byId.set(`i${i}`, make(i, i));
    const nameOf = (id: string) => id;
    for (const sort of [
      { key: 'priority', descending: false },
      { key: 'age', descending: true },
      { key: 'summary', descending: false },
    ] as const) {
      const filter = { ...emptyFilter(), priorities: ['high' as const, 'medium' as const] };
      const matches = incidentMatcher(filter, nameOf);
      const compare = incidentComparator(sort, nameOf);
      let rows = queryBoard([...byId.values()], filter, sort, nameOf);
      for (let batch = 0; batch < 50; batch++) {
        const changed = new Set<string>();
        for (let k = 0; k < 1 + Math.floor(next() * 8); k++) {
          const i = Math.floor(next() * 330);
          changed.add(`i${i}`);
          if (next() < 0.15) byId.delete(`i${i}`);
          else byId.set(`i${i}`, make(i, 1000 + batch));
        }
        rows = updateSorted(rows, changed, (id) => byId.get(id), matches, compare);
        expect(rows.map((r) => r.id)).toEqual(queryBoard([...byId.values()], filter, sort, nameOf).map((r) => r.id));
      }
    }
  });
});
