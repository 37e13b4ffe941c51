import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { CalendarFeed, CalendarView, CalendarViewKind, IssuedCalendarFeed, ScheduleSummary } from '../../../shared/schemas/calendar.js';
import type { Override, Schedule } from '../../../shared/schemas/schedule.js';
import { useServices } from '../../services/services.js';
import { useSessionStore } from '../../stores/use-session-store.js';
import { todayIn } from '../../time/time-zone.js';
import { stepAnchor, type DisplayView } from '../calendar-layout.js';
import { useScheduleApi, type RelaySession } from '../services/schedule-api.js';
import { attempt, type ActionResult } from './action-result.js';

/**
 * The schedules page: every schedule with who is on call now, the selected one's month or week
 * calendar (final line and layers), editing (layers, rotations, restrictions, overrides) and the
 * calendar feeds. All through the relay API; refusals come back as results naming the field.
 */
export const useScheduleStore = defineStore('schedules', () => {
  const api = useScheduleApi();
  const session = useSessionStore();
  const { now } = useServices();

  const schedules = ref<ScheduleSummary[]>([]);
  const selectedId = ref<string | null>(null);
  const view = ref<DisplayView>('month');
  // "Today" is the schedule's today (its zone), set once a schedule is selected; UTC's until then.
  const anchor = ref(todayIn('UTC', now()));
  /** Whether the viewer moved away from today; until then the view follows the selected schedule's today. */
  const navigated = ref(false);
  const calendar = ref<CalendarView | null>(null);
  const feeds = ref<CalendarFeed[]>([]);
  /** The feed just made or renewed, with its URL: shown this once, as the relay keeps only its hash. */
  const issuedFeed = ref<IssuedCalendarFeed | null>(null);
  const error = ref<string | null>(null);
  const loading = ref(false);

  const selected = computed(() => schedules.value.find((s) => s.schedule.id === selectedId.value) ?? null);
  const names = computed(() => new Map((selected.value?.people ?? []).map((p) => [p.id, p.name])));
  /** The selected schedule's zone: the calendar's days, today and now are read on its clock. */
  const timeZone = computed(() => calendar.value?.timeZone ?? selected.value?.schedule.timeZone ?? 'UTC');

  function relay(): RelaySession {
    if (!session.relayUrl || !session.token) throw new Error('Sign in first');
    return { relayUrl: session.relayUrl, token: session.token };
  }

  /** Names a person of the selected schedule's team (the id when unknown). */
  function nameOf(userId: string): string {
    return names.value.get(userId) ?? userId;
  }

  function keep(summary: ScheduleSummary): void {
    const index = schedules.value.findIndex((s) => s.schedule.id === summary.schedule.id);
    if (index >= 0) schedules.value.splice(index, 1, summary);
    else schedules.value.push(summary);
  }

  async function refreshCalendar(): Promise<void> {
    if (!selectedId.value) {
      calendar.value = null;
      return;
    }
    if (!navigated.value) anchor.value = todayIn(selected.value?.schedule.timeZone ?? 'UTC', now());
    // The day view draws one day of the week the relay sends.
    const kind: CalendarViewKind = view.value === 'day' ? 'week' : view.value;
    const result = await attempt(async () => {
      calendar.value = await api.calendar(relay(), selectedId.value!, kind, anchor.value);
    });
    error.value = result.ok ? null : result.message;
  }

  /** Loads every schedule (keeping the selection when it still exists) and the calendar. */
  async function load(): Promise<void> {
    loading.value = true;
    const result = await attempt(async () => {
      schedules.value = await api.listSchedules(relay());
    });
    error.value = result.ok ? null : result.message;
    if (!schedules.value.some((s) => s.schedule.id === selectedId.value)) selectedId.value = schedules.value[0]?.schedule.id ?? null;
    await refreshCalendar();
    loading.value = false;
  }

  /** Shows another schedule. */
  async function select(id: string): Promise<void> {
    selectedId.value = id;
    await refreshCalendar();
  }

  /** Switches between the month, week and day views. */
  async function setView(kind: DisplayView): Promise<void> {
    view.value = kind;
    await refreshCalendar();
  }

  /** Moves the view by `step` months, weeks or days; 0 goes back to today on the schedule's clock. */
  async function move(step: number): Promise<void> {
    navigated.value = step !== 0;
    if (step !== 0) anchor.value = stepAnchor(anchor.value, view.value, step);
    await refreshCalendar();
  }

  /** Shows the day `date` ("YYYY-MM-DD") in the day view (from a click on a day's date). */
  async function openDay(date: string): Promise<void> {
    navigated.value = true;
    anchor.value = date;
    view.value = 'day';
    await refreshCalendar();
  }

  async function change(work: () => Promise<ScheduleSummary>): Promise<ActionResult> {
    const result = await attempt(async () => {
      const summary = await work();
      keep(summary);
      selectedId.value = summary.schedule.id;
    });
    if (result.ok) await refreshCalendar();
    return result;
  }

  /** Creates or replaces a schedule (layers, rotations, restrictions, overrides). */
  function save(schedule: Schedule, mode: 'create' | 'replace'): Promise<ActionResult> {
    return change(() => api.saveSchedule(relay(), schedule, mode));
  }

  /** Adds overrides to the selected schedule (or `scheduleId`). */
  function addOverrides(overrides: Override[], scheduleId = selectedId.value): Promise<ActionResult> {
    return change(() => api.addOverrides(relay(), scheduleId ?? '', overrides));
  }

  /** Removes the selected schedule's override at `index`. */
  function removeOverride(index: number): Promise<ActionResult> {
    return change(() => api.removeOverride(relay(), selectedId.value ?? '', index));
  }

  /** Loads my feed and every schedule's feed. */
  async function loadFeeds(): Promise<ActionResult> {
    return attempt(async () => {
      feeds.value = await api.feeds(relay());
    });
  }

  /** Makes a feed or gives it a new token (the old subscription URL stops working); its URL is kept in `issuedFeed`. */
  async function regenerateFeed(feed: CalendarFeed): Promise<ActionResult> {
    return attempt(async () => {
      const issued = await api.regenerateFeed(relay(), feed.kind, feed.subject);
      const { url: _url, ...listed } = issued;
      feeds.value = feeds.value.map((f) => (f.kind === feed.kind && f.subject === feed.subject ? listed : f));
      issuedFeed.value = issued;
    });
  }

  /** Forgets the URL of the feed just made, once it has been copied. */
  function dismissIssuedFeed(): void {
    issuedFeed.value = null;
  }

  return {
    schedules, selectedId, selected, view, anchor, calendar, feeds, issuedFeed, error, loading, timeZone,
    nameOf, load, select, setView, move, openDay, refreshCalendar, save, addOverrides, removeOverride, loadFeeds, regenerateFeed,
    dismissIssuedFeed,
  };
});
