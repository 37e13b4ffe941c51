import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { FairnessReport, SuggestedOverride } from '../../../shared/schemas/calendar.js';
import { useServices } from '../../services/services.js';
import { useSessionStore } from '../../stores/use-session-store.js';
import { useScheduleApi } from '../services/schedule-api.js';
import { attempt, type ActionResult } from './action-result.js';
import { useScheduleStore } from './use-schedule-store.js';

const DAY_MS = 86_400_000;

/**
 * Fair on-call beside the calendar: each person's hours on call, off-hours, pages, night pages and
 * incidents handled over a chosen window, and a rebalance suggestion the manager edits and accepts
 * (which creates the overrides).
 */
export const useFairnessStore = defineStore('fairness', () => {
  const api = useScheduleApi();
  const session = useSessionStore();
  const { now } = useServices();
  const report = ref<FairnessReport | null>(null);
  const days = ref(28);
  /** The suggested overrides as the manager edits them. */
  const suggestion = ref<SuggestedOverride[] | null>(null);
  const error = ref<string | null>(null);

  const relay = () => {
    if (!session.relayUrl || !session.token) throw new Error('Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  };

  /** Loads the load report of `scheduleId` over the last `windowDays` days. */
  async function load(scheduleId: string, windowDays = days.value): Promise<void> {
    days.value = windowDays;
    const to = now();
    const from = new Date(to.getTime() - windowDays * DAY_MS);
    const result = await attempt(async () => {
      report.value = await api.fairness(relay(), scheduleId, from.toISOString(), to.toISOString());
    });
    error.value = result.ok ? null : result.message;
  }

  /** Asks the relay for overrides that even out the coming `weeks`. */
  async function suggest(scheduleId: string, weeks: number): Promise<ActionResult> {
    return attempt(async () => {
      suggestion.value = (await api.rebalance(relay(), scheduleId, weeks)).overrides.map((o) => ({ ...o }));
    });
  }

  /** Drops one suggested override before accepting. */
  function discard(index: number): void {
    suggestion.value = suggestion.value?.filter((_, i) => i !== index) ?? null;
  }

  /** Accepts the (edited) suggestion: creates its overrides in one go and reloads the load. */
  async function accept(scheduleId: string): Promise<ActionResult> {
    const overrides = (suggestion.value ?? []).map(({ user, replaces, start, end }) => ({ user, replaces, start, end }));
    if (overrides.length === 0) return { ok: false, message: 'There is nothing to accept' };
    const result = await useScheduleStore().addOverrides(overrides, scheduleId);
    if (result.ok) {
      suggestion.value = null;
      await load(scheduleId);
    }
    return result;
  }

  return { report, days, suggestion, error, load, suggest, discard, accept };
});
