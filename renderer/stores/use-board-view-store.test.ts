import { beforeEach, describe, expect, it } from 'vitest';
import { makeIncident } from '../board/testing/board-fakes.js';
import { type BoardTestRig, installBoardRig } from '../board/testing/install-board.js';
import { SAVED_FILTERS_KEY, useBoardViewStore } from './use-board-view-store.js';
import { useIncidentsStore } from './use-incidents-store.js';

let rig: BoardTestRig;

async function withIncidents() {
  const incidents = [
    makeIncident('a', { seq: 1, priority: 'low', summary: 'Printer jam', firstSeenAt: '2026-11-28T09:00:00Z' }),
    makeIncident('b', { seq: 2, priority: 'high', summary: 'Ransomware note on FS01', forensicAssignee: 'cara', firstSeenAt: '2026-11-28T10:00:00Z' }),
    makeIncident('c', { seq: 3, priority: 'high', status: 'acknowledged', summary: 'VPN down', serviceId: 'db', firstSeenAt: '2026-11-28T08:00:00Z' }),
    makeIncident('d', { seq: 4, priority: 'medium', escalation: 'deferred', summary: 'Disk 85%', triageAssignee: 'bob' }),
  ];
  rig.link.answer = () => ({ ok: true, value: { seq: 4, incidents } });
  useIncidentsStore().attach(rig.link);
  await new Promise((resolve) => setTimeout(resolve, 0));
}
const rowIds = () => useBoardViewStore().rows.map((i) => i.id);

beforeEach(() => {
  rig = installBoardRig();
});

describe('useBoardViewStore', () => {
  it('shows the most urgent first: priority, then state, then the newest', async () => {
    await withIncidents();
    expect(rowIds()).toEqual(['b', 'c', 'd', 'a']);
  });

  it('moves rows as live updates arrive, as a full sort would place them', async () => {
    await withIncidents();
    rig.link.push('incident:updated', makeIncident('a', { seq: 10, priority: 'high', summary: 'Printer jam', firstSeenAt: '2026-11-28T11:00:00Z' }));
    rig.link.push('incident:updated', makeIncident('b', { seq: 11, priority: 'high', status: 'resolved' }));
    rig.link.push('incident:created', makeIncident('e', { seq: 12, priority: 'medium', escalation: 'unanswered' }));
    rig.frames.run();
    expect(rowIds()).toEqual(['a', 'c', 'e', 'd']);
    useBoardViewStore().setFilter({ priorities: ['medium'] });
    rig.link.push('incident:updated', makeIncident('c', { seq: 13, priority: 'medium', status: 'acknowledged', serviceId: 'db' }));
    rig.frames.run();
    expect(rowIds()).toEqual(['e', 'd', 'c']);
  });

  it('sorts by a column and flips the direction when the column is chosen again', async () => {
    await withIncidents();
    const view = useBoardViewStore();
    view.sortBy('age');
    expect(rowIds()).toEqual(['c', 'a', 'd', 'b']);
    view.sortBy('age');
    expect(rowIds()).toEqual(['b', 'd', 'a', 'c']);
  });

  it('filters by priority, state, service, assignee and text', async () => {
    await withIncidents();
    const view = useBoardViewStore();
    view.setFilter({ priorities: ['high'] });
    expect(rowIds()).toEqual(['b', 'c']);
    view.setFilter({ states: ['acknowledged'] });
    expect(rowIds()).toEqual(['c']);
    view.clearFilter();
    view.setFilter({ states: ['deferred'] });
    expect(rowIds()).toEqual(['d']);
    view.clearFilter();
    view.setFilter({ services: ['db'] });
    expect(rowIds()).toEqual(['c']);
    view.clearFilter();
    view.setFilter({ assignee: 'cara' });
    expect(rowIds()).toEqual(['b']);
    view.setFilter({ assignee: 'unassigned' });
    expect(rowIds()).toEqual(['c', 'a']);
    view.clearFilter();
    view.setFilter({ text: 'ransom' });
    expect(rowIds()).toEqual(['b']);
    expect(view.filtering).toBe(true);
  });

  it('saves filters under a name in this console and applies them again', async () => {
    await withIncidents();
    const view = useBoardViewStore();
    view.setFilter({ priorities: ['high'], text: 'vpn' });
    view.saveFilter('  VPN  ');
    view.clearFilter();
    expect(rowIds()).toHaveLength(4);
    view.applySaved('VPN');
    expect(rowIds()).toEqual(['c']);
    expect(JSON.parse(rig.board.storage.data.get(SAVED_FILTERS_KEY)!)).toEqual([
      { name: 'VPN', filter: { priorities: ['high'], states: [], teams: [], services: [], clients: [], assignee: null, text: 'vpn' } },
    ]);
  });

  it('reads the saved filters back on a new console session, and deletes them', () => {
    rig.board.storage.setItem(SAVED_FILTERS_KEY, JSON.stringify([{ name: 'Mine', filter: { assignee: 'bob' } }]));
    const view = useBoardViewStore();
    expect(view.saved.map((s) => s.name)).toEqual(['Mine']);
    expect(view.saved[0]!.filter.priorities).toEqual([]);
    view.deleteSaved('Mine');
    expect(rig.board.storage.data.get(SAVED_FILTERS_KEY)).toBe('[]');
  });

  it('ignores saved filters it cannot read', () => {
    rig.board.storage.setItem(SAVED_FILTERS_KEY, '{not json');
    expect(useBoardViewStore().saved).toEqual([]);
  });
});
