import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref, shallowRef } from 'vue';
import { type Postmortem, PostmortemSchema, type PostmortemState, type PostmortemSummary } from '../../shared/schemas/postmortem.js';
import { type RelayAuth, RelayRequestError } from '../services/relay-request.js';
import type { RelayLink } from '../services/socket.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createPostmortemApi, type PostmortemApi } from './postmortem-api.js';
import { summaryOf } from './postmortem-format.js';

/** The injection key of the post-mortem API; the real client on `fetch` is used when none is provided. */
export const PostmortemApiKey: InjectionKey<PostmortemApi> = Symbol('klaxon.postmortem-api');

/** The push the relay sends on `/console` when a post-mortem changes. */
export const POSTMORTEM_UPDATED = 'postmortem:updated';

/** The part of the console socket this store listens on. */
interface PostmortemPushSource {
  on(event: typeof POSTMORTEM_UPDATED, listener: (postmortem: Postmortem) => void): unknown;
  on(event: 'connect', listener: () => void): unknown;
  off(event: typeof POSTMORTEM_UPDATED, listener: (postmortem: Postmortem) => void): unknown;
  off(event: 'connect', listener: () => void): unknown;
}

/** The states a board marker is shown for: the post-mortem still needs work. */
const OPEN_STATES: readonly PostmortemState[] = ['due', 'draft', 'in_review'];
const ALL_STATES: readonly PostmortemState[] = ['due', 'draft', 'in_review', 'signed_off'];

/** Whether the list is being fetched, is there, or could not be fetched. */
export type PostmortemsStatus = 'idle' | 'loading' | 'ready' | 'error';

/** Returns the signed-in person's relay address and token, or throws a 401-like error. */
export function relayAuth(session: { relayUrl: string | null; token: string | null }): RelayAuth {
  if (!session.relayUrl || !session.token) throw new RelayRequestError(401, 'Sign in first');
  return { relayUrl: session.relayUrl, token: session.token };
}

/**
 * The post-mortems as the Post-mortems page and the board's markers need them: every summary by
 * state, kept live from `postmortem:updated` pushes on the console link (and fetched again after a
 * reconnect, which may have missed some). The editor hears the same pushes through `onPush`.
 */
export const usePostmortemsStore = defineStore('postmortems', () => {
  const api = inject(PostmortemApiKey, null) ?? createPostmortemApi();
  const session = useSessionStore();

  const summaries = shallowRef<readonly PostmortemSummary[]>([]);
  const status = ref<PostmortemsStatus>('idle');
  const error = ref<string | null>(null);
  const listeners = new Set<(postmortem: Postmortem) => void>();
  const reconnectListeners = new Set<() => void>();
  let seq = 0;

  /** Summaries by state, most urgent first (due soonest, then the latest change). */
  const byState = computed(() => {
    const groups: Record<PostmortemState, PostmortemSummary[]> = { due: [], draft: [], in_review: [], signed_off: [] };
    for (const summary of summaries.value) groups[summary.state].push(summary);
    for (const state of ['due', 'draft', 'in_review'] as const) groups[state].sort(urgency);
    groups.signed_off.sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt));
    return groups;
  });

  /** The open post-mortem's state of each incident it covers (the board's marker). */
  const openByIncident = computed(() => {
    const map = new Map<string, PostmortemSummary>();
    for (const summary of summaries.value) {
      if (!OPEN_STATES.includes(summary.state)) continue;
      for (const id of summary.incidentIds) map.set(id, summary);
    }
    return map;
  });

  /** Fetches every summary; an answer overtaken by a newer fetch is dropped, a list already shown stays on failure. */
  async function load(): Promise<void> {
    const mine = ++seq;
    if (status.value !== 'ready') status.value = 'loading';
    try {
      const list = await api.list(relayAuth(session), ALL_STATES, 500);
      if (mine !== seq) return;
      summaries.value = list;
      status.value = 'ready';
      error.value = null;
    } catch (cause) {
      if (mine !== seq) return;
      error.value = (cause as Error).message;
      if (status.value !== 'ready') status.value = 'error';
    }
  }

  /** Puts a post-mortem's summary in the list (a push, or an answer the console just got). */
  function put(postmortem: Postmortem): void {
    const known = summaries.value.find((s) => s.id === postmortem.id);
    if (known && Date.parse(known.updatedAt) > Date.parse(postmortem.updatedAt)) return;
    summaries.value = [...summaries.value.filter((s) => s.id !== postmortem.id), summaryOf(postmortem)];
  }

  /** Listens to every post-mortem the relay pushes; returns the stop function. */
  function onPush(listener: (postmortem: Postmortem) => void): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }

  /** Hears of every reconnect (pushes may have been missed meanwhile); returns the stop function. */
  function onReconnect(listener: () => void): () => void {
    reconnectListeners.add(listener);
    return () => reconnectListeners.delete(listener);
  }

  /** Follows `postmortem:updated` pushes (and reconnects) on `link`; returns the stop function. */
  function follow(link: RelayLink): () => void {
    const socket = link.socket as unknown as PostmortemPushSource;
    const pushed = (payload: Postmortem) => {
      // Typed events are not validation: a push this console does not understand is dropped.
      const parsed = PostmortemSchema.safeParse(payload);
      if (!parsed.success) return;
      const postmortem = parsed.data;
      put(postmortem);
      for (const listener of listeners) listener(postmortem);
    };
    const refetch = () => {
      void load();
      for (const listener of reconnectListeners) listener();
    };
    socket.on(POSTMORTEM_UPDATED, pushed);
    socket.on('connect', refetch);
    return () => {
      socket.off(POSTMORTEM_UPDATED, pushed);
      socket.off('connect', refetch);
    };
  }

  return { summaries, status, error, byState, openByIncident, load, put, onPush, onReconnect, follow, api };
});

function urgency(a: PostmortemSummary, b: PostmortemSummary): number {
  const dueA = a.dueAt ? Date.parse(a.dueAt) : Infinity;
  const dueB = b.dueAt ? Date.parse(b.dueAt) : Infinity;
  if (dueA !== dueB) return dueA - dueB;
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}
