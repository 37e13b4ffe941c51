import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { z } from 'zod';
import { IndicatorMatchSchema } from '../../shared/schemas/intel.js';
import type { RelayLink } from '../services/socket.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { INTEL_WRITERS } from './use-intel-store.js';

/** The push the relay sends researchers when a new alert matched live indicators. */
export const INTEL_MATCHED_EVENT = 'intel:matched';

/** What the console reads of that push; anything else in it is ignored, and a push without an incident is dropped. */
export const IntelMatchedPushSchema = z.object({
  incidentId: z.string().min(1),
  summary: z.string().optional(),
  matches: z.array(IndicatorMatchSchema).optional(),
  count: z.number().int().nonnegative().optional(),
});

/** One toast: the incident and how many indicators its new alert matched. */
export interface IntelNotice {
  key: number;
  incidentId: string;
  summary: string;
  count: number;
}

/** At most this many toasts at once; older ones give way. */
const MAX_NOTICES = 3;

/** Narrow view of a socket for an event the typed event map may not list yet. */
interface PushSource {
  on(event: string, listener: (payload: unknown) => void): unknown;
  off(event: string, listener: (payload: unknown) => void): unknown;
}

/** Toasts for threat researchers (and the other intel roles): a new alert matched an indicator, with a link to it. */
export const useIntelNoticesStore = defineStore('intel-notices', () => {
  const session = useSessionStore();
  const notices = ref<IntelNotice[]>([]);
  const forMe = computed(() => !!session.user && INTEL_WRITERS.includes(session.user.role));
  let next = 1;

  /** Takes one push; a malformed one is ignored (typed events are not validation). */
  function receive(payload: unknown): void {
    if (!forMe.value) return;
    const push = IntelMatchedPushSchema.safeParse(payload);
    if (!push.success) return;
    const { incidentId, summary, matches, count } = push.data;
    const notice = { key: next++, incidentId, summary: summary ?? incidentId, count: count ?? matches?.length ?? 1 };
    notices.value = [...notices.value.filter((n) => n.incidentId !== incidentId), notice].slice(-MAX_NOTICES);
  }

  function dismiss(key: number): void {
    notices.value = notices.value.filter((n) => n.key !== key);
  }

  /** Listens on the console's link; returns the function that stops it. */
  function follow(link: RelayLink): () => void {
    const socket = link.socket as unknown as PushSource;
    socket.on(INTEL_MATCHED_EVENT, receive);
    return () => socket.off(INTEL_MATCHED_EVENT, receive);
  }

  return { notices, receive, dismiss, follow };
});
