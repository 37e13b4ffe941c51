import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';

/**
 * The board's keyboard cursor and selection. The cursor is the row j/k move; the selection is the
 * rows marked for a bulk action. An action applies to the selected rows still on the board, or to
 * the cursor row when nothing is selected.
 */
export const useBoardSelectionStore = defineStore('board-selection', () => {
  const cursorId = ref<string | null>(null);
  const selected = shallowRef<ReadonlySet<string>>(new Set());

  /** Moves the cursor `delta` rows within `rowIds` (the board's current order), clamped at the ends. */
  function move(delta: number, rowIds: readonly string[]): void {
    if (rowIds.length === 0) {
      cursorId.value = null;
      return;
    }
    const at = cursorId.value === null ? -1 : rowIds.indexOf(cursorId.value);
    const from = at === -1 ? (delta > 0 ? -1 : rowIds.length) : at;
    cursorId.value = rowIds[Math.min(rowIds.length - 1, Math.max(0, from + delta))]!;
  }

  /** Puts the cursor on a row. */
  function point(id: string): void {
    cursorId.value = id;
  }

  /** Adds a row to the selection, or takes it out. */
  function toggle(id: string): void {
    const next = new Set(selected.value);
    if (!next.delete(id)) next.add(id);
    selected.value = next;
  }

  /** Selects every row from the cursor to `id` (shift-click), in the board's order. */
  function extendTo(id: string, rowIds: readonly string[]): void {
    const from = cursorId.value === null ? -1 : rowIds.indexOf(cursorId.value);
    const to = rowIds.indexOf(id);
    if (to === -1) return;
    const [a, b] = from === -1 ? [to, to] : [Math.min(from, to), Math.max(from, to)];
    selected.value = new Set([...selected.value, ...rowIds.slice(a, b + 1)]);
    cursorId.value = id;
  }

  /** Selects every row given. */
  function selectAll(rowIds: readonly string[]): void {
    selected.value = new Set(rowIds);
  }

  /** Empties the selection. */
  function clear(): void {
    selected.value = new Set();
  }

  /** The rows an action applies to: the selected ones still on the board, else the cursor row. */
  function targets(rowIds: readonly string[]): string[] {
    if (selected.value.size) {
      const present = new Set(rowIds);
      const chosen = [...selected.value].filter((id) => present.has(id));
      if (chosen.length) return chosen;
    }
    return cursorId.value !== null && rowIds.includes(cursorId.value) ? [cursorId.value] : [];
  }

  /** Drops rows that left the board from the selection, and moves a lost cursor to a neighbour. */
  function prune(rowIds: readonly string[], previousIds: readonly string[]): void {
    // Runs after every live batch: skip the set building when nothing is selected.
    if (selected.value.size) {
      const present = new Set(rowIds);
      if ([...selected.value].some((id) => !present.has(id))) selected.value = new Set([...selected.value].filter((id) => present.has(id)));
    }
    if (cursorId.value !== null && !rowIds.includes(cursorId.value)) {
      // Keep the cursor where it was on screen: the row that now sits at the old position.
      const at = previousIds.indexOf(cursorId.value);
      cursorId.value = rowIds.length ? rowIds[Math.min(Math.max(at, 0), rowIds.length - 1)]! : null;
    }
  }

  return { cursorId, selected, move, point, toggle, extendTo, selectAll, clear, targets, prune };
});
