import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref, shallowRef } from 'vue';
import type { MaintenanceWindowView, Occurrence } from '../../shared/schemas/maintenance.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createMaintenanceApi, MaintenanceApiError, type MaintenanceApi, type MaintenanceAuth } from './maintenance-api.js';
import { bodyOf, draftOf, emptyDraft, type MaintenanceDraft, rruleOf } from './maintenance-draft.js';

/** The injection key of the maintenance API; the real client on `fetch` is used when none is provided. */
export const MaintenanceApiKey: InjectionKey<MaintenanceApi> = Symbol('klaxon.maintenance-api');

/** Whether the list is being fetched, is there, or could not be fetched. */
export type MaintenanceStatus = 'idle' | 'loading' | 'ready' | 'error';

/**
 * The Maintenance page's state: the windows (running, upcoming, past), the form's draft with the
 * relay's refusal (naming the field) and the preview of a recurrence's next occurrences.
 */
export const useMaintenanceStore = defineStore('maintenance', () => {
  const api = inject(MaintenanceApiKey, null) ?? createMaintenanceApi();
  const session = useSessionStore();

  const windows = shallowRef<readonly MaintenanceWindowView[]>([]);
  const status = ref<MaintenanceStatus>('idle');
  const error = ref<string | null>(null);
  const draft = ref<MaintenanceDraft | null>(null);
  const busy = ref(false);
  const message = ref<string | null>(null);
  const field = ref<string | null>(null);
  const preview = shallowRef<readonly Occurrence[]>([]);
  const previewError = ref<string | null>(null);
  let seq = 0;
  let previewSeq = 0;

  const canEdit = computed(() => session.user?.role === 'admin' || session.user?.role === 'ir-manager');
  const byState = computed(() => ({
    active: windows.value.filter((w) => w.state === 'active'),
    upcoming: windows.value.filter((w) => w.state === 'upcoming'),
    past: windows.value.filter((w) => w.state === 'past'),
  }));

  function auth(): MaintenanceAuth {
    if (!session.relayUrl || !session.token) throw new MaintenanceApiError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** Fetches the windows; an answer overtaken by a newer fetch is dropped. */
  async function load(): Promise<void> {
    const mine = ++seq;
    if (status.value !== 'ready') status.value = 'loading';
    try {
      const list = await api.list(auth());
      if (mine !== seq) return;
      windows.value = list;
      status.value = 'ready';
      error.value = null;
    } catch (cause) {
      if (mine !== seq) return;
      error.value = (cause as Error).message;
      if (status.value !== 'ready') status.value = 'error';
    }
  }

  /** Opens the form on a new window, or on an existing one. */
  function edit(window: MaintenanceWindowView | null): void {
    draft.value = window ? draftOf(window, new Date()) : emptyDraft(new Date());
    message.value = null;
    field.value = null;
    preview.value = [];
    previewError.value = null;
  }

  function close(): void {
    draft.value = null;
    message.value = null;
    field.value = null;
  }

  async function run(work: () => Promise<void>): Promise<boolean> {
    busy.value = true;
    message.value = null;
    field.value = null;
    try {
      await work();
      return true;
    } catch (cause) {
      message.value = (cause as Error).message;
      field.value = cause instanceof MaintenanceApiError ? (cause.field ?? null) : null;
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Creates or saves the window in the form; on success the form closes and the list is fetched again. */
  async function save(): Promise<boolean> {
    const current = draft.value;
    if (!current) return false;
    const made = bodyOf(current);
    if ('error' in made) {
      message.value = made.error;
      field.value = 'match.labels';
      return false;
    }
    const ok = await run(async () => {
      await api.save(auth(), made.body, current.id);
    });
    if (ok) {
      close();
      await load();
    }
    return ok;
  }

  /** Ends a running window's occurrence now. */
  async function end(id: string): Promise<void> {
    if (await run(async () => void (await api.end(auth(), id)))) await load();
  }

  /** Deletes a window. */
  async function remove(id: string): Promise<void> {
    if (await run(() => api.remove(auth(), id))) {
      if (draft.value?.id === id) close();
      await load();
    }
  }

  /** Asks the relay for the next occurrences of the form's recurrence (nothing for a one-off window). */
  async function refreshPreview(): Promise<void> {
    const current = draft.value;
    const rrule = current ? rruleOf(current) : undefined;
    const mine = ++previewSeq;
    if (!current || rrule === undefined) {
      preview.value = [];
      previewError.value = null;
      return;
    }
    const zone = current.timeZone.trim() || Intl.DateTimeFormat().resolvedOptions().timeZone;
    try {
      const next = await api.preview(auth(), { recurrence: { rrule, start: current.start, durationMinutes: current.durationMinutes }, timeZone: zone, count: 5 });
      if (mine !== previewSeq) return;
      preview.value = next;
      previewError.value = next.length ? null : 'No occurrence ahead.';
    } catch (cause) {
      if (mine !== previewSeq) return;
      preview.value = [];
      previewError.value = (cause as Error).message;
    }
  }

  return { windows, status, error, draft, busy, message, field, preview, previewError, canEdit, byState, load, edit, close, save, end, remove, refreshPreview };
});
