import { defineStore } from 'pinia';
import { computed, inject, ref } from 'vue';
import { useSessionStore } from '../stores/use-session-store.js';
import { createClientsApi, ClientsApiError } from './clients-api.js';
import { checkClientDraft, emptyClientDraft, toClientDraft, toClientInput, type ClientDraft } from './client-draft.js';
import { ClientsApiKey, useClientsStore } from './use-clients-store.js';

/**
 * The Clients page's editor: which client is open, its draft (contacts, hours, services, business
 * map, match rules), the field errors (from the shared schema here, and from the relay on save),
 * and saving or deleting it. Only IR managers and admins change clients; the relay refuses others too.
 */
export const useClientEditorStore = defineStore('client-editor', () => {
  const api = inject(ClientsApiKey, null) ?? createClientsApi();
  const session = useSessionStore();
  const list = useClientsStore();

  const search = ref('');
  const selectedId = ref<string | null>(null);
  const mode = ref<'create' | 'update'>('update');
  const draft = ref<ClientDraft>(emptyClientDraft());
  const errors = ref<Record<string, string>>({});
  const message = ref<string | null>(null);
  const busy = ref(false);

  const canEdit = computed(() => session.user?.role === 'admin' || session.user?.role === 'ir-manager');
  const selected = computed(() => (selectedId.value ? (list.byId.get(selectedId.value) ?? null) : null));
  /** The clients matching the search text (name, id, ConnectWise identifier or a contact's name). */
  const shown = computed(() => {
    const text = search.value.trim().toLowerCase();
    if (!text) return list.clients;
    return list.clients.filter((c) =>
      [c.name, c.id, c.connectwise?.identifier ?? '', ...c.contacts.map((p) => p.name)].some((s) => s.toLowerCase().includes(text)),
    );
  });

  /** Opens a saved client in the editor. */
  function select(id: string): void {
    const client = list.byId.get(id);
    if (!client) return;
    const { managedBy: _by, ...plain } = client;
    selectedId.value = id;
    mode.value = 'update';
    draft.value = toClientDraft(plain);
    errors.value = {};
    message.value = null;
  }

  /** Starts a new client. */
  function startNew(): void {
    selectedId.value = null;
    mode.value = 'create';
    draft.value = emptyClientDraft();
    errors.value = {};
    message.value = null;
  }

  /** Checks the draft with the shared schema, showing its field errors; true when it passes. */
  function validate(): boolean {
    const check = checkClientDraft(draft.value);
    errors.value = check.ok ? {} : check.errors;
    return check.ok;
  }

  function refused(error: unknown): void {
    const field = error instanceof ClientsApiError ? error.field : undefined;
    errors.value = field ? { [field]: (error as Error).message } : {};
    message.value = (error as Error).message;
  }

  /** Saves the draft (create or update); on success the client is in the list and stays open. */
  async function save(): Promise<boolean> {
    if (!canEdit.value) {
      message.value = 'Only IR managers and admins can change clients.';
      return false;
    }
    if (!validate()) {
      message.value = 'Fix the marked fields first.';
      return false;
    }
    busy.value = true;
    try {
      const saved = await api.save(list.auth(), toClientInput(draft.value), mode.value);
      list.put(saved);
      select(saved.id);
      message.value = `Saved "${saved.name}".`;
      return true;
    } catch (error) {
      refused(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  /** Deletes the open client. */
  async function remove(): Promise<boolean> {
    const id = selectedId.value;
    if (!id || !canEdit.value) return false;
    busy.value = true;
    try {
      await api.remove(list.auth(), id);
      list.drop(id);
      const name = draft.value.name;
      startNew();
      message.value = `Deleted "${name}".`;
      return true;
    } catch (error) {
      refused(error);
      return false;
    } finally {
      busy.value = false;
    }
  }

  return { search, selectedId, selected, mode, draft, errors, message, busy, canEdit, shown, select, startNew, validate, save, remove };
});
