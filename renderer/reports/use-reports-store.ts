import { defineStore } from 'pinia';
import { computed, inject, type InjectionKey, ref, shallowRef } from 'vue';
import type { Report } from '../../shared/schemas/report.js';
import { type RelayAuth, RelayRequestError, saveDownload } from '../services/relay-request.js';
import { useServices } from '../services/services.js';
import { useSessionStore } from '../stores/use-session-store.js';
import { createReportApi, type ReportApi, type ReportExportFormat, type ReportFilterOptions } from './report-api.js';
import { defaultReportForm, type ReportForm, reportSearch } from './report-query.js';
import { type InstantRange, rangeInstants } from './report-range.js';
import { useClockStore } from '../time/use-clock-store.js';

/** The injection key of the report API; the real client on `fetch` is used when none is provided. */
export const ReportApiKey: InjectionKey<ReportApi> = Symbol('klaxon.report-api');

/** The injection key of the file saver (tests catch the file instead of the browser saving it). */
export const ReportSaverKey: InjectionKey<typeof saveDownload> = Symbol('klaxon.report-saver');

/** Where the page is: nothing asked yet, computing, a report shown, or a refusal shown. */
export type ReportStatus = 'idle' | 'loading' | 'ready' | 'error';

const noOptions = (): ReportFilterOptions => ({ teams: [], services: [], clients: [], responders: [] });

/**
 * The Reports page's state: the form (range and filters), the report the relay computed for it,
 * loading and error states, the filters' choices and the exports. An answer overtaken by a newer
 * request is dropped, so a quick change of filters never shows an older report.
 */
export const useReportsStore = defineStore('reports', () => {
  const api = inject(ReportApiKey, null) ?? createReportApi();
  const save = inject(ReportSaverKey, null) ?? saveDownload;
  const { now } = useServices();
  const session = useSessionStore();

  const form = ref<ReportForm>(defaultReportForm());
  const clock = useClockStore();
  /** A zone a test pins; none follows the viewer's setting. */
  const pinned = ref<string | null>(null);
  /** The zone days are read in: the viewer's chosen one (My account, followed live), unless a test pins it. */
  const zone = computed({ get: () => pinned.value ?? clock.zone, set: (value: string) => (pinned.value = value) });
  /** The last answer and the session it was computed for. */
  const answer = shallowRef<{ report: Report; token: string } | null>(null);
  /**
   * The report shown: only to the session it was computed for, so that after a sign-out the next
   * person never glimpses figures (confidential ones included) computed for the one before.
   */
  const report = computed(() => (answer.value && answer.value.token === session.token ? answer.value.report : null));
  const status = ref<ReportStatus>('idle');
  const error = ref<string | null>(null);
  const exportError = ref<string | null>(null);
  const exporting = ref<ReportExportFormat | null>(null);
  const options = shallowRef<ReportFilterOptions>(noOptions());
  /** The instants of the report shown (or being computed). */
  const range = ref<InstantRange | null>(null);
  let seq = 0;

  /** True when the report covers no incident at all. */
  const empty = computed(() => report.value !== null && report.value.totals.incidents === 0);

  function auth(): RelayAuth {
    if (!session.relayUrl || !session.token) throw new RelayRequestError(401, 'Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** The relay's query for the form, or the reason the form cannot be asked yet. */
  function search(): { search: string; range: InstantRange } | { error: string } {
    const instants = rangeInstants(form.value.range, now(), zone.value);
    if ('error' in instants) return instants;
    return { search: reportSearch(instants, form.value.filters), range: instants };
  }

  /** Asks the relay for the report of the current form; a refusal shows the relay's message. */
  async function load(): Promise<void> {
    const mine = ++seq;
    const asked = search();
    if ('error' in asked) {
      status.value = 'error';
      error.value = asked.error;
      answer.value = null;
      return;
    }
    range.value = asked.range;
    status.value = 'loading';
    error.value = null;
    try {
      const who = auth();
      const fresh = await api.summary(who, asked.search);
      if (mine !== seq) return;
      answer.value = { report: fresh, token: who.token };
      status.value = 'ready';
    } catch (cause) {
      if (mine !== seq) return;
      answer.value = null;
      error.value = cause instanceof Error ? cause.message : String(cause);
      status.value = 'error';
    }
  }

  /** Loads the filters' choices (teams, services, clients, people). */
  async function loadOptions(): Promise<void> {
    try {
      options.value = await api.filterOptions(auth());
    } catch {
      // The filters stay empty; the report itself still loads and says what went wrong.
      options.value = noOptions();
    }
  }

  /** Downloads the report of the current form as CSV or JSON, through the signed-in session. */
  async function exportAs(format: ReportExportFormat): Promise<void> {
    const asked = search();
    if ('error' in asked) {
      exportError.value = asked.error;
      return;
    }
    exporting.value = format;
    exportError.value = null;
    try {
      save(await api.download(auth(), asked.search, format));
    } catch (cause) {
      exportError.value = `The ${format.toUpperCase()} export failed: ${cause instanceof Error ? cause.message : String(cause)}`;
    } finally {
      exporting.value = null;
    }
  }

  return { form, zone, report, status, error, exportError, exporting, options, range, empty, load, loadOptions, exportAs };
});
