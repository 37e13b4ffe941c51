import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref } from 'vue';
import type { AuditEntry, AuditVerifyReport } from '../../shared/schemas/audit.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createAuditApi, type AuditApi, type AuditAuth, type AuditFilters } from './audit-api.js';

/** The injection key of the audit API; the real client is used when none is provided. */
export const AuditApiKey: InjectionKey<AuditApi> = Symbol('klaxon.audit-api');

/** Filters with nothing chosen. */
export function emptyAuditFilters(): AuditFilters {
  return { action: '', actor: '', subjectKind: '', subjectId: '', from: null, to: null };
}

/**
 * The audit page's state: the filters, the events loaded so far (newest first, more on demand),
 * loading and error states, and the last chain verification. Admins and IR managers only.
 */
export const useAuditStore = defineStore('audit', () => {
  const api = inject(AuditApiKey, null) ?? createAuditApi();
  const session = useSessionStore();
  const filters = ref<AuditFilters>(emptyAuditFilters());
  const events = ref<AuditEntry[]>([]);
  const nextBefore = ref<number | undefined>(undefined);
  const loading = ref(false);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const verifying = ref(false);
  const report = ref<AuditVerifyReport | null>(null);
  const canRead = computed(() => session.user?.role === 'admin' || session.user?.role === 'ir-manager');

  function auth(): AuditAuth {
    if (!session.relayUrl || !session.token) throw new Error('Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** Loads the first page for the current filters (replacing what was shown). */
  async function load(): Promise<void> {
    if (!canRead.value) return;
    loading.value = true;
    try {
      const page = await api.list(auth(), filters.value);
      events.value = page.events;
      nextBefore.value = page.nextBefore;
      error.value = null;
      loaded.value = true;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  }

  /** Appends the next (older) page. */
  async function loadMore(): Promise<void> {
    if (nextBefore.value === undefined || loading.value) return;
    loading.value = true;
    try {
      const page = await api.list(auth(), filters.value, nextBefore.value);
      events.value = [...events.value, ...page.events];
      nextBefore.value = page.nextBefore;
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      loading.value = false;
    }
  }

  /** Clears the filters and loads again. */
  async function reset(): Promise<void> {
    filters.value = emptyAuditFilters();
    await load();
  }

  /** Verifies every hash chain on the relay. */
  async function verify(): Promise<void> {
    verifying.value = true;
    try {
      report.value = await api.verify(auth());
      error.value = null;
    } catch (e) {
      error.value = (e as Error).message;
    } finally {
      verifying.value = false;
    }
  }

  return { filters, events, nextBefore, loading, loaded, error, verifying, report, canRead, load, loadMore, reset, verify };
});
