import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';
import { useBoardServices } from '../board/board-services.js';
import { type ApiAuth, type EvidenceInput, IncidentApiError, type IncidentDetail } from '../board/incident-api.js';
import { type LiveEvent, useIncidentsStore } from './use-incidents-store.js';
import { useSessionStore } from './use-session-store.js';

/** Where the detail page stands. */
export type DetailStatus = 'idle' | 'loading' | 'ready' | 'missing' | 'denied' | 'unreachable';

/**
 * One incident in full: its timeline, pages, alerts, notes and evidence, kept live from the board's
 * pushes (and reloaded after a reconnect), with the actions the detail page offers. Every action goes
 * through the relay, which checks the person's role; a refusal lands in `actionError`.
 */
export const useIncidentDetailStore = defineStore('incident-detail', () => {
  const { api } = useBoardServices();

  const id = ref<string | null>(null);
  const status = ref<DetailStatus>('idle');
  const loadError = ref<string | null>(null);
  const detail = shallowRef<IncidentDetail | null>(null);
  const actionError = ref<string | null>(null);
  /** The action being carried out (its button shows a spinner), or null. */
  const busy = ref<string | null>(null);
  let stopLive: (() => void) | null = null;

  const incident = computed<Incident | null>(() => detail.value?.incident ?? null);
  const timeline = computed(() => detail.value?.timeline ?? []);
  const notes = computed(() => timeline.value.filter((e) => e.type === 'note.added'));
  const evidence = computed(() => timeline.value.filter((e) => e.type === 'evidence.added'));
  /** Confidential and redacted: the relay answered without the timeline (no need-to-know). */
  const redacted = computed(() => !!detail.value?.incident.confidential && detail.value.timeline.length === 0);

  function auth(): ApiAuth {
    const session = useSessionStore();
    if (!session.relayUrl || !session.token) throw new IncidentApiError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  function onLive(event: LiveEvent): void {
    const current = detail.value;
    if (!current || !id.value) return;
    if (event.type === 'resynced') {
      // Events may have been missed while the link was down: read the incident again.
      void fetchDetail(id.value, false);
    } else if (event.type === 'incident' && event.incident.id === id.value && event.incident.seq > current.incident.seq) {
      detail.value = { ...current, incident: event.incident };
    } else if (event.type === 'timeline' && event.event.incidentId === id.value && !current.timeline.some((e) => e.id === event.event.id)) {
      detail.value = { ...current, timeline: [...current.timeline, event.event] };
    } else if (event.type === 'page' && event.page.incidentId === id.value) {
      detail.value = { ...current, pages: upsertPage(current.pages, event.page) };
    }
  }

  async function fetchDetail(incidentId: string, showLoading: boolean): Promise<void> {
    if (showLoading) status.value = 'loading';
    try {
      const answer = await api.detail(auth(), incidentId);
      if (id.value !== incidentId) return;
      detail.value = answer;
      status.value = 'ready';
      loadError.value = null;
    } catch (cause) {
      if (id.value !== incidentId) return;
      const error = cause instanceof IncidentApiError ? cause : new IncidentApiError(0, String(cause));
      loadError.value = error.message;
      // A reload that fails keeps what is shown; the connection banner says the relay is away.
      if (!showLoading && detail.value) return;
      status.value = error.status === 404 ? 'missing' : error.denied ? 'denied' : 'unreachable';
    }
  }

  /** Opens an incident: loads it and follows its live changes until `close`. */
  async function open(incidentId: string): Promise<void> {
    close();
    id.value = incidentId;
    stopLive = useIncidentsStore().onLive(onLive);
    await fetchDetail(incidentId, true);
  }

  /** Reads the open incident again. */
  async function reload(): Promise<void> {
    if (id.value) await fetchDetail(id.value, false);
  }

  /** Stops following the incident and forgets it. */
  function close(): void {
    stopLive?.();
    stopLive = null;
    id.value = null;
    detail.value = null;
    status.value = 'idle';
    loadError.value = null;
    actionError.value = null;
  }

  /** Runs an action against the relay, remembering a refusal; answers whether it worked. */
  async function act(name: string, work: (auth: ApiAuth, incidentId: string) => Promise<void>): Promise<boolean> {
    if (!id.value || busy.value) return false;
    busy.value = name;
    actionError.value = null;
    try {
      await work(auth(), id.value);
      await reload();
      return true;
    } catch (cause) {
      actionError.value = cause instanceof Error ? cause.message : String(cause);
      return false;
    } finally {
      busy.value = null;
    }
  }

  return {
    id,
    status,
    loadError,
    detail,
    incident,
    timeline,
    notes,
    evidence,
    redacted,
    actionError,
    busy,
    open,
    reload,
    close,
    /** Acknowledges the incident. */
    acknowledge: () => act('acknowledge', (a, i) => api.acknowledge(a, i)),
    /** Resolves the incident. */
    resolve: () => act('resolve', (a, i) => api.resolve(a, i)),
    /** Moves the escalation to its next level now. */
    escalate: () => act('escalate', (a, i) => api.escalate(a, i)),
    /** Pages one person now through their notify rules. */
    pagePerson: (userId: string) => act('page', (a, i) => api.pagePerson(a, i, userId)),
    /** Marks the incident confidential (need-to-know) or lifts it; the relay allows managers only. */
    setConfidential: (confidential: boolean) => act('confidential', (a, i) => api.setConfidential(a, i, confidential)),
    /** Adds a note. */
    addNote: (text: string) => act('note', (a, i) => api.addNote(a, i, text)),
    /** Uploads forensic evidence; the relay records its SHA-256 and the handler. */
    addEvidence: (input: EvidenceInput) => act('evidence', (a, i) => api.addEvidence(a, i, input)),
  };
});

function upsertPage(pages: readonly Page[], page: Page): Page[] {
  const at = pages.findIndex((p) => p.id === page.id);
  if (at === -1) return [...pages, page];
  const next = [...pages];
  next[at] = page;
  return next;
}
