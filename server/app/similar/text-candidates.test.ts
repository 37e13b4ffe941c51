import { describe, expect, it } from 'vitest';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { IncidentSearch, IncidentSearchPage } from '../ports/history-store.js';
import { createTextCandidates } from './text-candidates.js';

const incident = (id: string, summary: string) => ({ id, summary }) as Incident;
const EMPTY_FACETS = { priority: {}, service: {}, client: {}, verdict: {} };

describe('createTextCandidates', () => {
  it('searches resolved incidents but this one by the summary words, any of them, and ranks by the share of the best score', async () => {
    const asked: IncidentSearch[] = [];
    const find = createTextCandidates({
      searchIncidents: async (search): Promise<IncidentSearchPage> => {
        asked.push(search);
        return { hits: [{ incident: incident('a', 'x'), score: 9 }, { incident: incident('b', 'y'), score: 3 }], total: 0, facets: EMPTY_FACETS };
      },
    });
    const found = await find(incident('now', 'Backup job late on backup-01'), { kind: 'user', userId: 'bob' }, 25);
    expect(asked[0]).toMatchObject({ match: 'any', filter: { status: 'resolved', excludeIds: ['now'] }, sort: 'relevance', facets: false, limit: 25, visibleTo: 'bob' });
    const words = asked[0]!.text!.all.length;
    expect(found).toEqual([
      { incident: incident('a', 'x'), rank: Math.min(1, 9 / (3 * words)) },
      { incident: incident('b', 'y'), rank: 3 / (3 * words) },
    ]);
  });

  it('lets no confidential incident into a hint for everyone, sees all for managers, and skips summaries without words', async () => {
    const asked: IncidentSearch[] = [];
    const find = createTextCandidates({
      searchIncidents: async (search) => {
        asked.push(search);
        return { hits: [], total: 0, facets: EMPTY_FACETS };
      },
    });
    await find(incident('now', 'Disk full'), { kind: 'everyone' }, 5);
    await find(incident('now', 'Disk full'), { kind: 'all' }, 5);
    expect(asked.map((s) => s.visibleTo)).toEqual(['', null]);
    expect(await find(incident('now', '42 !!'), { kind: 'all' }, 5)).toEqual([]);
    expect(asked).toHaveLength(2);
  });
});
