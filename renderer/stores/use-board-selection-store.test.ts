import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { useBoardSelectionStore } from './use-board-selection-store.js';

const rows = ['a', 'b', 'c', 'd'];

beforeEach(() => setActivePinia(createPinia()));

describe('useBoardSelectionStore', () => {
  it('moves the cursor with j/k and stops at the ends', () => {
    const selection = useBoardSelectionStore();
    selection.move(1, rows);
    expect(selection.cursorId).toBe('a');
    selection.move(1, rows);
    selection.move(1, rows);
    expect(selection.cursorId).toBe('c');
    selection.move(5, rows);
    expect(selection.cursorId).toBe('d');
    selection.move(-9, rows);
    expect(selection.cursorId).toBe('a');
  });

  it('starts from the bottom when moving up without a cursor, and clears it on an empty board', () => {
    const selection = useBoardSelectionStore();
    selection.move(-1, rows);
    expect(selection.cursorId).toBe('d');
    selection.move(1, []);
    expect(selection.cursorId).toBeNull();
  });

  it('acts on the selected rows still on the board, else on the cursor row', () => {
    const selection = useBoardSelectionStore();
    expect(selection.targets(rows)).toEqual([]);
    selection.point('b');
    expect(selection.targets(rows)).toEqual(['b']);
    selection.toggle('c');
    selection.toggle('d');
    expect(selection.targets(rows)).toEqual(['c', 'd']);
    expect(selection.targets(['a', 'b', 'c'])).toEqual(['c']);
    selection.toggle('c');
    expect(selection.targets(rows)).toEqual(['d']);
    selection.clear();
    expect(selection.targets(rows)).toEqual(['b']);
  });

  it('extends the selection from the cursor (shift-click) and selects all', () => {
    const selection = useBoardSelectionStore();
    selection.point('b');
    selection.extendTo('d', rows);
    expect([...selection.selected]).toEqual(['b', 'c', 'd']);
    expect(selection.cursorId).toBe('d');
    selection.selectAll(rows);
    expect(selection.selected.size).toBe(4);
  });

  it('drops rows that left the board and keeps the cursor in place', () => {
    const selection = useBoardSelectionStore();
    selection.point('b');
    selection.toggle('b');
    selection.toggle('c');
    selection.prune(['a', 'c', 'd'], rows);
    expect([...selection.selected]).toEqual(['c']);
    expect(selection.cursorId).toBe('c');
    selection.prune([], ['a', 'c', 'd']);
    expect(selection.cursorId).toBeNull();
  });
});
