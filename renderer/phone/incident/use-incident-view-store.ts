import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { PhoneIncidentView } from '../../../shared/schemas/phone-incident-view.js';
import { PhoneApiError } from '../phone-api.js';
import { usePhoneServices } from '../phone-services.js';
import { usePagesStore } from '../use-pages-store.js';
import { usePhoneSessionStore } from '../use-phone-session-store.js';

/** The longest note the relay takes (its notes API refuses more). */
export const NOTE_MAX_CHARS = 10_000;

/**
 * The incident the phone shows in full: loaded from the relay (need-to-know applied there), fetched
 * again whenever the relay says it changed (the live link's `incident:watch`), with notes added as
 * the signed-in person. `skewMs` is the relay's clock minus the phone's, so the countdown is right
 * on a phone whose clock is off.
 */
export const useIncidentViewStore = defineStore('phone-incident-view', () => {
  const { api } = usePhoneServices();
  const session = usePhoneSessionStore();
  const pages = usePagesStore();
  const incidentId = ref<string | null>(null);
  const view = ref<PhoneIncidentView | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const noteError = ref<string | null>(null);
  const saving = ref(false);
  const skewMs = ref(0);
  let asked = 0;

  async function load(): Promise<void> {
    const id = incidentId.value;
    const token = session.token;
    if (!id || !token) return;
    const ticket = ++asked;
    loading.value = view.value === null;
    try {
      const fresh = await api.incidentView(token, id);
      // An older answer that arrives after a newer one is dropped.
      if (ticket !== asked || id !== incidentId.value) return;
      skewMs.value = Date.parse(fresh.now) - Date.now();
      view.value = fresh;
      error.value = null;
    } catch (e) {
      if (ticket !== asked) return;
      error.value = e instanceof PhoneApiError && e.status === 404 ? 'This incident no longer exists.' : e instanceof Error ? e.message : 'The incident could not be loaded';
    } finally {
      if (ticket === asked) loading.value = false;
    }
  }

  return {
    incidentId,
    view,
    loading,
    error,
    noteError,
    saving,
    skewMs,
    open: computed(() => incidentId.value !== null),

    /** Shows an incident and watches it for changes. */
    async show(id: string): Promise<void> {
      incidentId.value = id;
      view.value = null;
      error.value = null;
      noteError.value = null;
      pages.watchIncident(id, () => void load());
      await load();
    },
    /** Loads the shown incident again. */
    refresh: load,
    /** Closes the view and stops watching. */
    close(): void {
      incidentId.value = null;
      view.value = null;
      asked++;
      pages.watchIncident(null, () => {});
    },
    /** Adds a note as the signed-in person; answers whether it was taken. */
    async addNote(text: string): Promise<boolean> {
      const id = incidentId.value;
      const token = session.token;
      const trimmed = text.trim();
      if (!id || !token) return false;
      if (!trimmed) return (noteError.value = 'Write something first'), false;
      if (trimmed.length > NOTE_MAX_CHARS) return (noteError.value = `A note holds at most ${NOTE_MAX_CHARS} characters`), false;
      saving.value = true;
      try {
        await api.addNote(token, id, trimmed);
        noteError.value = null;
        await load();
        return true;
      } catch (e) {
        noteError.value = e instanceof Error ? e.message : 'The note could not be saved';
        return false;
      } finally {
        saving.value = false;
      }
    },
  };
});
