import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { Incident } from '../../shared/schemas/incident.js';
import {
  type BoardFilter,
  type BoardSort,
  emptyFilter,
  incidentComparator,
  incidentMatcher,
  isFiltering,
  queryBoard,
  type SortKey,
} from '../board/board-query.js';
import { INCREMENTAL_LIMIT, updateSorted } from '../board/board-sorted.js';
import { useBoardServices } from '../board/board-services.js';
import { useDirectoryStore } from './use-directory-store.js';
import { useIncidentsStore } from './use-incidents-store.js';

/** Where this console keeps its saved filters. */
export const SAVED_FILTERS_KEY = 'klaxon.board.saved-filters';

/** A filter kept under a name. */
export interface SavedFilter {
  name: string;
  filter: BoardFilter;
}

function readSaved(storage: Pick<Storage, 'getItem'>): SavedFilter[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(SAVED_FILTERS_KEY) ?? '[]');
    if (!Array.isArray(parsed)) return [];
    // Fill in fields a filter saved by an older console may lack.
    return parsed
      .filter((s): s is SavedFilter => !!s && typeof s === 'object' && typeof (s as SavedFilter).name === 'string')
      .map((s) => ({ name: s.name, filter: { ...emptyFilter(), ...s.filter } }));
  } catch {
    return [];
  }
}

/**
 * How the board is looked at on this console: its filter, its sort, and the filters saved under a
 * name (kept in this console's storage). `rows` are the open incidents as the board shows them.
 */
export const useBoardViewStore = defineStore('board-view', () => {
  const { storage } = useBoardServices();
  const incidents = useIncidentsStore();
  const directory = useDirectoryStore();

  const filter = ref<BoardFilter>(emptyFilter());
  // Most urgent first: high priority, then unanswered before triggered, then the oldest.
  const sort = ref<BoardSort>({ key: 'priority', descending: false });
  const saved = ref<SavedFilter[]>(readSaved(storage));

  // The last result and what it was computed from, so that a live batch moves only its own rows.
  let memo: { rows: Incident[]; version: number; filter: BoardFilter; sort: BoardSort; users: unknown; services: unknown } | null = null;
  const rows = computed(() => {
    const source = incidents.incidents;
    const change = incidents.lastChange;
    const basis = { filter: filter.value, sort: sort.value, users: directory.users, services: directory.services };
    const nameOf = directory.nameOf;
    const incremental =
      memo !== null &&
      change.ids !== null &&
      change.version === memo.version + 1 &&
      change.ids.size <= INCREMENTAL_LIMIT &&
      memo.filter === basis.filter &&
      memo.sort === basis.sort &&
      memo.users === basis.users &&
      memo.services === basis.services;
    const result = incremental
      ? updateSorted(memo!.rows, change.ids!, incidents.byId, incidentMatcher(basis.filter, nameOf), incidentComparator(basis.sort, nameOf))
      : queryBoard(source, basis.filter, basis.sort, nameOf);
    memo = { rows: result, version: change.version, ...basis };
    return result;
  });
  const filtering = computed(() => isFiltering(filter.value));

  /** Sorts by `key`; choosing the current column again flips the direction. */
  function sortBy(key: SortKey): void {
    sort.value = sort.value.key === key ? { key, descending: !sort.value.descending } : { key, descending: false };
  }

  /** Changes part of the filter. */
  function setFilter(patch: Partial<BoardFilter>): void {
    filter.value = { ...filter.value, ...patch };
  }

  /** Clears the filter. */
  function clearFilter(): void {
    filter.value = emptyFilter();
  }

  function persist(): void {
    storage.setItem(SAVED_FILTERS_KEY, JSON.stringify(saved.value));
  }

  /** Saves the current filter under `name` (replacing a filter of the same name). */
  function saveFilter(name: string): void {
    const trimmed = name.trim();
    if (!trimmed) return;
    saved.value = [...saved.value.filter((s) => s.name !== trimmed), { name: trimmed, filter: { ...filter.value } }].sort((a, b) =>
      a.name.localeCompare(b.name),
    );
    persist();
  }

  /** Applies the saved filter called `name`. */
  function applySaved(name: string): void {
    const found = saved.value.find((s) => s.name === name);
    if (found) filter.value = { ...found.filter };
  }

  /** Deletes the saved filter called `name`. */
  function deleteSaved(name: string): void {
    saved.value = saved.value.filter((s) => s.name !== name);
    persist();
  }

  return { filter, sort, saved, rows, filtering, sortBy, setFilter, clearFilter, saveFilter, applySaved, deleteSaved };
});
