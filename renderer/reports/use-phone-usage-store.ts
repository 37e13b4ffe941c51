import { defineStore } from 'pinia';
import { computed, inject, ref, shallowRef } from 'vue';
import type { PhoneUsageReport } from '../../shared/schemas/phone-usage.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createPhoneUsageApi, PhoneUsageApiKey } from './phone-usage-api.js';
import { usageMonths } from './phone-usage-table.js';
import type { InstantRange } from './report-range.js';

/** Where the costs card is: nothing asked yet, counting, counts shown, or a refusal shown. */
export type PhoneUsageStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The roles the relay shows SMS and voice costs to (`GET /api/v1/reports/phone-usage`). */
const COST_ROLES = new Set(['admin', 'ir-manager']);

/**
 * The Reports page's SMS and voice costs: the SMS parts and call minutes per month of the page's
 * range, for IR managers and admins. An answer overtaken by a newer request is dropped, and counts
 * are only shown to the session they were asked for.
 */
export const usePhoneUsageStore = defineStore('phone-usage', () => {
  const api = inject(PhoneUsageApiKey, null) ?? createPhoneUsageApi();
  const session = useSessionStore();
  const answer = shallowRef<{ report: PhoneUsageReport; token: string } | null>(null);
  const report = computed(() => (answer.value && answer.value.token === session.token ? answer.value.report : null));
  const status = ref<PhoneUsageStatus>('idle');
  const error = ref<string | null>(null);
  /** The range last asked for, so that "Try again" asks the same. */
  const asked = ref<InstantRange | null>(null);
  /** Whether the signed-in person may see the costs at all (the card is left out otherwise). */
  const allowed = computed(() => COST_ROLES.has(session.user?.role ?? ''));
  let seq = 0;

  /** Asks the relay for the months of `range`; a refusal shows the relay's message. */
  async function load(range: InstantRange): Promise<void> {
    const mine = ++seq;
    asked.value = range;
    status.value = 'loading';
    error.value = null;
    try {
      if (!session.relayUrl || !session.token) throw new Error('Sign in first');
      const token = session.token;
      const fresh = await api.usage({ relayUrl: session.relayUrl, token }, usageMonths(range));
      if (mine !== seq) return;
      answer.value = { report: fresh, token };
      status.value = 'ready';
    } catch (cause) {
      if (mine !== seq) return;
      answer.value = null;
      error.value = cause instanceof Error ? cause.message : String(cause);
      status.value = 'error';
    }
  }

  /** Asks again for the range last asked for. */
  async function retry(): Promise<void> {
    if (asked.value) await load(asked.value);
  }

  return { report, status, error, allowed, load, retry };
});
