import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref, shallowRef, watch } from 'vue';
import type { Indicator, IntelImportResult } from '../../shared/schemas/intel.js';
import type { Role } from '../../shared/schemas/user.js';
import { RelayRequestError, saveDownload, type RelayAuth } from '../services/relay-request.js';
import { useServices } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { useClockStore } from '../time/use-clock-store.js';
import { bodyOfDraft, draftFieldOf, draftOfIndicator, emptyIndicatorDraft, type IndicatorDraft } from './indicator-draft.js';
import { createIntelApi, formatOf, IntelImportRefused, LIST_LIMIT, type IntelApi } from './intel-api.js';
import { filterIndicators, NO_FILTERS, tagsOf, type IntelFilters } from './intel-filters.js';

/** The injection key of the intelligence API; the real client on `fetch` is used when none is provided. */
export const IntelApiKey: InjectionKey<IntelApi> = Symbol('klaxon.intel-api');

/** The roles that create, edit, import and delete indicators (the relay enforces it; the console hides the controls). */
export const INTEL_WRITERS: readonly Role[] = ['threat-researcher', 'ir-manager', 'admin'];

/** Whether the list is being fetched, is there, could not be fetched, or the relay could not be reached. */
export type IntelStatus = 'idle' | 'loading' | 'ready' | 'error' | 'unreachable';

/** Where an import stands: its result, or the relay's list of bad entries (nothing imported). */
export interface IntelImportState {
  busy: boolean;
  result: IntelImportResult | null;
  refused: IntelImportResult['errors'];
  message: string | null;
}

/**
 * The intelligence database as the console shows it: the indicators with the page's filters, the
 * create/edit dialog's draft with the relay's refusal (naming the field), imports and exports.
 */
export const useIntelStore = defineStore('intel', () => {
  const api = inject(IntelApiKey, null) ?? createIntelApi();
  const services = useServices();
  const session = useSessionStore();

  const indicators = shallowRef<readonly Indicator[]>([]);
  const status = ref<IntelStatus>('idle');
  const error = ref<string | null>(null);
  const filters = ref<IntelFilters>({ ...NO_FILTERS });
  const draft = ref<IndicatorDraft | null>(null);
  const busy = ref(false);
  const message = ref<string | null>(null);
  const field = ref<keyof IndicatorDraft | null>(null);
  /** What the last save created (the detail page shows it). */
  const saved = shallowRef<Indicator | null>(null);
  const importing = ref<IntelImportState>({ busy: false, result: null, refused: [], message: null });
  let seq = 0;

  const canEdit = computed(() => !!session.user && INTEL_WRITERS.includes(session.user.role));
  const visible = computed(() => filterIndicators(indicators.value, filters.value, services.now()));
  // Every tag seen this session: a list narrowed by a tag would otherwise offer only that one.
  const seenTags = ref<string[]>([]);
  const tags = computed(() => seenTags.value);
  /** The relay may hold more than one list brings: the page says so. */
  const truncated = computed(() => indicators.value.length >= LIST_LIMIT);

  function auth(): RelayAuth {
    if (!session.relayUrl || !session.token) throw new RelayRequestError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** Fetches the indicators; an answer overtaken by a newer fetch is dropped. */
  async function load(): Promise<void> {
    const mine = ++seq;
    if (status.value !== 'ready') status.value = 'loading';
    try {
      const list = await api.list(auth(), { ...filters.value });
      if (mine !== seq) return;
      indicators.value = list;
      seenTags.value = tagsOf([...list, ...seenTags.value.map((t) => ({ tags: [t] }))]);
      status.value = 'ready';
      error.value = null;
    } catch (cause) {
      if (mine !== seq) return;
      error.value = (cause as Error).message;
      if (status.value !== 'ready') status.value = cause instanceof RelayRequestError && cause.status === 0 ? 'unreachable' : 'error';
    }
  }

  // The relay filters too (a large database is narrowed before it is sent); typing waits a moment.
  let refilter: ReturnType<typeof setTimeout> | undefined;
  watch(
    filters,
    () => {
      clearTimeout(refilter);
      if (status.value === 'idle') return;
      refilter = setTimeout(() => void load(), 250);
    },
    { deep: true },
  );

  /** Opens the dialog on a new indicator, an existing one, or a prepared draft (an observable's). */
  function edit(target: Indicator | IndicatorDraft | null): void {
    draft.value = target === null ? emptyIndicatorDraft() : 'createdAt' in target ? draftOfIndicator(target, useClockStore().zone) : { ...target };
    message.value = null;
    field.value = null;
    saved.value = null;
  }

  function close(): void {
    draft.value = null;
    message.value = null;
    field.value = null;
  }

  /** Creates or saves the indicator in the dialog; on success the dialog closes and the list is fetched again. */
  async function save(): Promise<boolean> {
    const current = draft.value;
    if (!current) return false;
    const made = bodyOfDraft(current, useClockStore().zone);
    if ('error' in made) {
      message.value = made.error;
      field.value = draftFieldOf(made.field);
      return false;
    }
    busy.value = true;
    message.value = null;
    field.value = null;
    try {
      saved.value = await api.save(auth(), made.body, current.id);
    } catch (cause) {
      message.value = (cause as Error).message;
      field.value = cause instanceof RelayRequestError ? draftFieldOf(cause.field ?? (cause.message.match(/^([\w.]+):/)?.[1] ?? null)) : null;
      return false;
    } finally {
      busy.value = false;
    }
    close();
    if (status.value !== 'idle') await load();
    return true;
  }

  /** Deletes an indicator; a refusal shows as the page's error. */
  async function remove(id: string): Promise<boolean> {
    busy.value = true;
    try {
      await api.remove(auth(), id);
      error.value = null;
    } catch (cause) {
      error.value = (cause as Error).message;
      return false;
    } finally {
      busy.value = false;
    }
    if (draft.value?.id === id) close();
    await load();
    return true;
  }

  /** Imports a STIX bundle or CSV text; a refusal keeps the relay's list of bad entries. */
  async function importText(text: string): Promise<boolean> {
    importing.value = { busy: true, result: null, refused: [], message: null };
    try {
      const result = await api.importText(auth(), text, formatOf(text));
      importing.value = { busy: false, result, refused: [], message: null };
    } catch (cause) {
      importing.value = {
        busy: false,
        result: null,
        refused: cause instanceof IntelImportRefused ? cause.result.errors : [],
        message: (cause as Error).message,
      };
      return false;
    }
    await load();
    return true;
  }

  function resetImport(): void {
    importing.value = { busy: false, result: null, refused: [], message: null };
  }

  /** Downloads the whole database as a STIX 2.1 bundle or CSV. */
  async function exportAs(format: 'stix' | 'csv'): Promise<void> {
    try {
      saveDownload(await api.exportFile(auth(), format));
      error.value = null;
    } catch (cause) {
      error.value = (cause as Error).message;
    }
  }

  return {
    indicators, status, error, filters, draft, busy, message, field, saved, importing, canEdit, visible, tags, truncated,
    load, edit, close, save, remove, importText, resetImport, exportAs,
  };
});
