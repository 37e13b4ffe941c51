import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref } from 'vue';
import type { PolicyPreview } from '../../shared/schemas/policy-preview.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createPolicyApi, PolicyApiError, type PolicyApi, type PolicyAuth, type PolicyDirectory, type PolicyView } from './policy-api.js';
import { checkDraft, emptyDraft, toDraft, toPolicyInput, type PolicyDraft } from './policy-draft.js';

/** The injection key of the policy API; the real client is used when none is provided. */
export const PolicyApiKey: InjectionKey<PolicyApi> = Symbol('klaxon.policy-api');

/**
 * The escalation policy editor: the relay's policies, the one being edited as a draft, its field
 * errors (from the shared schema here, and from the relay on save), and the plain-words preview the
 * relay computes for the draft. Only IR managers and admins may save.
 */
export const usePolicyEditorStore = defineStore('policy-editor', () => {
  const api = inject(PolicyApiKey, null) ?? createPolicyApi();
  const session = useSessionStore();

  const policies = ref<PolicyView[]>([]);
  const directory = ref<PolicyDirectory>({ users: [], schedules: [], teams: [] });
  const selectedId = ref<string | null>(null);
  const mode = ref<'create' | 'update'>('update');
  const draft = ref<PolicyDraft>(emptyDraft());
  const errors = ref<Record<string, string>>({});
  const message = ref<string | null>(null);
  const saving = ref(false);
  const preview = ref<PolicyPreview | null>(null);
  const previewError = ref<string | null>(null);
  let previewSeq = 0;

  const canEdit = computed(() => session.user?.role === 'admin' || session.user?.role === 'ir-manager');
  const selected = computed(() => policies.value.find((p) => p.id === selectedId.value) ?? null);

  function auth(): PolicyAuth {
    if (!session.relayUrl || !session.token) throw new PolicyApiError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** Loads the policies and the directory, and selects the first policy when none is selected. */
  async function load(): Promise<void> {
    try {
      const a = auth();
      [policies.value, directory.value] = await Promise.all([api.list(a), api.directory(a)]);
      message.value = null;
      const first = policies.value[0];
      if (selectedId.value === null && mode.value === 'update' && first) select(first.id);
    } catch (error) {
      message.value = (error as Error).message;
    }
  }

  /** Starts editing a saved policy. */
  function select(id: string): void {
    const policy = policies.value.find((p) => p.id === id);
    if (!policy) return;
    const { managedByConfig: _managed, configSource: _source, ...plain } = policy;
    selectedId.value = id;
    mode.value = 'update';
    draft.value = toDraft(plain);
    errors.value = {};
    message.value = null;
  }

  /** Starts a new policy. */
  function startNew(): void {
    selectedId.value = null;
    mode.value = 'create';
    draft.value = emptyDraft();
    errors.value = {};
    message.value = null;
    preview.value = null;
  }

  /**
   * Asks the relay what the draft would do to a high-priority alert now; a draft the shared schema
   * refuses shows its field errors instead. Answers that arrive after a newer request are dropped.
   */
  async function refreshPreview(timeZone: string): Promise<void> {
    const check = checkDraft(draft.value);
    errors.value = check.ok ? {} : check.errors;
    if (!check.ok) {
      previewError.value = 'Fix the marked fields to see the preview.';
      return;
    }
    const seq = ++previewSeq;
    try {
      const answer = await api.preview(auth(), check.policy, timeZone);
      if (seq !== previewSeq) return;
      preview.value = answer;
      previewError.value = null;
    } catch (error) {
      if (seq === previewSeq) previewError.value = (error as Error).message;
    }
  }

  /** Saves the draft (create or update); on success the list is reloaded and the policy selected. */
  async function save(): Promise<boolean> {
    if (!canEdit.value) {
      message.value = 'Only IR managers and admins can change escalation policies.';
      return false;
    }
    const check = checkDraft(draft.value);
    if (!check.ok) {
      errors.value = check.errors;
      message.value = 'Fix the marked fields first.';
      return false;
    }
    saving.value = true;
    try {
      const saved = await api.save(auth(), toPolicyInput(draft.value), mode.value);
      policies.value = [...policies.value.filter((p) => p.id !== saved.id), saved].sort((a, b) => a.name.localeCompare(b.name));
      select(saved.id);
      message.value = `Saved "${saved.name}".`;
      return true;
    } catch (error) {
      const field = error instanceof PolicyApiError ? error.field : undefined;
      if (field) errors.value = { [field]: (error as Error).message };
      message.value = (error as Error).message;
      return false;
    } finally {
      saving.value = false;
    }
  }

  return { policies, directory, selectedId, selected, mode, draft, errors, message, saving, preview, previewError, canEdit, load, select, startNew, refreshPreview, save };
});
