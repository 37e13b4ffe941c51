import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref, shallowRef } from 'vue';
import type { HistoryFacets, HistoryPage, SavedSearch, SnippetPart } from '../../shared/schemas/history.js';
import type { Incident } from '../../shared/schemas/incident.js';
import type { ReportFilterOptions } from '../reports/report-api.js';
import { type RelayAuth, RelayRequestError } from '../services/relay-request.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createHistoryApi, type HistoryApi } from './history-api.js';
import { defaultHistoryForm, type HistoryForm, HISTORY_KEYS, type HistoryKey, relaySearch, searchText } from './history-query.js';

/** The injection key of the history API; the real client on `fetch` is used when none is provided. */
export const HistoryApiKey: InjectionKey<HistoryApi> = Symbol('klaxon.history-api');

/** Where the page is: nothing asked yet, searching, results shown, refused, or the relay not reached. */
export type HistoryStatus = 'idle' | 'loading' | 'ready' | 'error' | 'unreachable';

/** How many incidents a page of results holds. */
export const HISTORY_PAGE_SIZE = 50;

/** The results shown: every page loaded so far for one search and one session. */
interface Results {
  token: string;
  incidents: Incident[];
  snippets: Record<string, SnippetPart[]>;
  total: number;
  facets: HistoryFacets;
  nextCursor: string | null;
}

const noOptions = (): ReportFilterOptions => ({ teams: [], services: [], clients: [], responders: [] });
const message = (cause: unknown) => (cause instanceof Error ? cause.message : String(cause));

/** The search key a relay refusal names (`from`, or `query.from`), if it names one. */
function refusedKey(cause: unknown): HistoryKey | null {
  if (!(cause instanceof RelayRequestError) || !cause.field) return null;
  const last = cause.field.split('.').pop() as HistoryKey;
  return HISTORY_KEYS.includes(last) ? last : null;
}

/**
 * The History page's state: the search (from the URL), the incidents the relay found with their
 * snippets, total and facet counts, "load more" by cursor, the filters' choices and the saved
 * searches. An answer overtaken by a newer search is dropped; results belong to the session they
 * were asked for, so the next person at the console never sees the one before's.
 */
export const useHistoryStore = defineStore('history', () => {
  const api = inject(HistoryApiKey, null) ?? createHistoryApi();
  const session = useSessionStore();

  const form = ref<HistoryForm>(defaultHistoryForm());
  const answer = shallowRef<Results | null>(null);
  const results = computed(() => (answer.value && answer.value.token === session.token ? answer.value : null));
  const status = ref<HistoryStatus>('idle');
  const error = ref<string | null>(null);
  /** A relay refusal that names a filter, shown beside that filter. */
  const fieldErrors = ref<Partial<Record<HistoryKey, string>>>({});
  const loadingMore = ref(false);
  const moreError = ref<string | null>(null);
  const options = shallowRef<ReportFilterOptions>(noOptions());
  const saved = ref<SavedSearch[]>([]);
  const savedError = ref<string | null>(null);
  let seq = 0;

  function auth(): RelayAuth {
    if (!session.relayUrl || !session.token) throw new RelayRequestError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  function refused(cause: unknown): void {
    const key = refusedKey(cause);
    // Beside its filter, the message need not repeat the field's name ("from: Invalid ISO datetime").
    fieldErrors.value = key ? { [key]: message(cause).replace(/^[\w.]+:\s*/, '') } : {};
    error.value = message(cause);
    status.value = cause instanceof RelayRequestError && cause.status === 0 ? 'unreachable' : 'error';
  }

  /** Asks the relay for the first page of the current search. */
  async function load(): Promise<void> {
    const mine = ++seq;
    status.value = 'loading';
    error.value = null;
    fieldErrors.value = {};
    moreError.value = null;
    try {
      const who = auth();
      const page = await api.search(who, relaySearch(form.value, null, HISTORY_PAGE_SIZE));
      if (mine !== seq) return;
      answer.value = { token: who.token, ...page };
      status.value = 'ready';
    } catch (cause) {
      if (mine !== seq) return;
      answer.value = null;
      refused(cause);
    }
  }

  /** Appends the next page of the same search (by the cursor of the last one). */
  async function loadMore(): Promise<void> {
    const shown = results.value;
    if (!shown?.nextCursor || loadingMore.value) return;
    const mine = seq;
    loadingMore.value = true;
    moreError.value = null;
    try {
      const page: HistoryPage = await api.search(auth(), relaySearch(form.value, shown.nextCursor, HISTORY_PAGE_SIZE));
      if (mine !== seq) return;
      // An incident that moved between pages (it changed meanwhile) is listed once.
      const known = new Set(shown.incidents.map((i) => i.id));
      answer.value = {
        ...shown,
        incidents: [...shown.incidents, ...page.incidents.filter((i) => !known.has(i.id))],
        snippets: { ...shown.snippets, ...page.snippets },
        total: page.total,
        facets: page.facets,
        nextCursor: page.nextCursor,
      };
    } catch (cause) {
      if (mine === seq) moreError.value = message(cause);
    } finally {
      if (mine === seq) loadingMore.value = false;
    }
  }

  /** Loads the filters' choices; a list the relay refuses leaves that filter with only the value a link gave it. */
  async function loadOptions(): Promise<void> {
    try {
      options.value = await api.filterOptions(auth());
    } catch {
      options.value = noOptions();
    }
  }

  /** Loads the saved searches the person may run (shared ones and their own). */
  async function loadSaved(): Promise<void> {
    try {
      saved.value = await api.savedSearches(auth());
      savedError.value = null;
    } catch (cause) {
      savedError.value = message(cause);
    }
  }

  /** Saves the current search under `name`; returns the relay's refusal, or null when saved. */
  async function saveCurrent(name: string, shared: boolean): Promise<string | null> {
    try {
      const made = await api.saveSearch(auth(), { name, query: searchText(form.value), shared });
      saved.value = [...saved.value.filter((s) => s.id !== made.id), made];
      return null;
    } catch (cause) {
      return message(cause);
    }
  }

  /** Deletes one of the person's saved searches. */
  async function deleteSaved(id: string): Promise<void> {
    try {
      await api.deleteSearch(auth(), id);
      saved.value = saved.value.filter((s) => s.id !== id);
      savedError.value = null;
    } catch (cause) {
      savedError.value = message(cause);
    }
  }

  return { form, results, status, error, fieldErrors, loadingMore, moreError, options, saved, savedError, load, loadMore, loadOptions, loadSaved, saveCurrent, deleteSaved };
});
