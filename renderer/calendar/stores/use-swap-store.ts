import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CreateSwap, SwapDecision, SwapRequest } from '../../../shared/schemas/swap.js';
import type { RelayLink } from '../../services/socket.js';
import { useSessionStore } from '../../stores/use-session-store.js';
import { useScheduleApi } from '../services/schedule-api.js';
import { attempt, type ActionResult } from './action-result.js';
import { useScheduleStore } from './use-schedule-store.js';

/**
 * Shift swaps: my requests and those asking me, newest first; asking, accepting, declining and
 * cancelling through the relay; and the relay's live `swap:updated` pushes, so both people see a
 * request and its answer at once (an accepted swap also redraws the calendar).
 */
export const useSwapStore = defineStore('swaps', () => {
  const api = useScheduleApi();
  const session = useSessionStore();
  const swaps = ref<SwapRequest[]>([]);
  const error = ref<string | null>(null);

  const relay = () => {
    if (!session.relayUrl || !session.token) throw new Error('Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  };
  /** Requests waiting for my answer. */
  const waitingForMe = computed(() => swaps.value.filter((s) => s.status === 'pending' && s.target === session.user?.id));

  function keep(swap: SwapRequest): void {
    const index = swaps.value.findIndex((s) => s.id === swap.id);
    if (index >= 0) swaps.value.splice(index, 1, swap);
    else swaps.value.unshift(swap);
  }

  async function settled(swap: SwapRequest): Promise<void> {
    keep(swap);
    if (swap.status === 'accepted') {
      const schedules = useScheduleStore();
      if (schedules.selectedId === swap.scheduleId) await schedules.load();
    }
  }

  /** Loads my swap requests. */
  async function load(): Promise<void> {
    const result = await attempt(async () => {
      swaps.value = await api.listSwaps(relay());
    });
    error.value = result.ok ? null : result.message;
  }

  /** Asks another member to take my on-call time in a schedule. */
  function request(scheduleId: string, ask: CreateSwap): Promise<ActionResult> {
    return attempt(async () => keep(await api.requestSwap(relay(), scheduleId, ask)));
  }

  /** Accepts, declines or cancels a request. */
  function decide(swapId: string, decision: SwapDecision): Promise<ActionResult> {
    return attempt(async () => settled(await api.decideSwap(relay(), swapId, decision)));
  }

  /** Follows the relay's `swap:updated` pushes on `link`; returns the function that stops it. */
  function follow(link: RelayLink): () => void {
    const onSwap = (swap: SwapRequest) => void settled(swap);
    link.socket.on('swap:updated', onSwap);
    return () => link.socket.off('swap:updated', onSwap);
  }

  return { swaps, error, waitingForMe, load, request, decide, follow };
});
