import { createPinia, setActivePinia } from 'pinia';
import { createApp } from 'vue';
import type { CalendarView, ScheduleSummary } from '../../../shared/schemas/calendar.js';
import type { SwapRequest } from '../../../shared/schemas/swap.js';
import { ServicesKey } from '../../services/services.js';
import { createFakeApi, createFakeHost, createFakeLink } from '../../testing/fake-services.js';
import { useSessionStore } from '../../stores/use-session-store.js';
import { ScheduleApiError, ScheduleApiKey, type ScheduleApi } from '../services/schedule-api.js';

/** A summary of schedule `id` with bob on call and ann as owner, for store tests. */
export function makeSummary(id = 'noc-primary', overrides: Partial<ScheduleSummary> = {}): ScheduleSummary {
  return {
    schedule: {
      id,
      name: id,
      team: 'noc',
      timeZone: 'America/New_York',
      owner: 'ann',
      layers: [{ name: 'weekly', rotation: { participants: ['bob', 'cara'], shiftLength: 604_800, start: '2026-11-02T09:00' }, restrictions: [] }],
      overrides: [],
    },
    origin: 'config',
    declaredInConfig: true,
    mayEdit: true,
    onCall: { users: ['bob'], layer: 'weekly', override: false, nextHandoff: null },
    people: [{ id: 'bob', name: 'Bob Example' }, { id: 'cara', name: 'Cara Example' }],
    ...overrides,
  };
}

/** A calendar answer for `id` with one day. */
export function makeView(id: string, date: string): CalendarView {
  return { scheduleId: id, view: 'month', timeZone: 'America/New_York', days: [{ date, start: `${date}T05:00:00.000Z`, end: `${date}T05:00:00.000Z` }], rows: [] };
}

/** Every call a fake schedule API received, as "method args…". */
export type CallLog = string[];

/**
 * Creates a schedule API that answers from `summaries` and `swaps` in memory and logs every call;
 * methods can be replaced per test.
 */
export function createFakeScheduleApi(summaries: ScheduleSummary[], swaps: SwapRequest[] = []): ScheduleApi & { calls: CallLog } {
  const calls: CallLog = [];
  const find = (id: string) => {
    const s = summaries.find((x) => x.schedule.id === id);
    if (!s) throw new ScheduleApiError(`no schedule "${id}"`, 404);
    return s;
  };
  return {
    calls,
    async listSchedules() { calls.push('listSchedules'); return summaries; },
    async calendar(_s, id, view, date) { calls.push(`calendar ${id} ${view} ${date}`); return { ...makeView(id, date), view }; },
    async saveSchedule(_s, schedule, mode) { calls.push(`saveSchedule ${schedule.id} ${mode}`); return { ...find(schedule.id), schedule }; },
    async addOverrides(_s, id, overrides) {
      calls.push(`addOverrides ${id} ${overrides.length}`);
      const s = find(id);
      return { ...s, schedule: { ...s.schedule, overrides: [...s.schedule.overrides, ...overrides] } };
    },
    async removeOverride(_s, id, index) { calls.push(`removeOverride ${id} ${index}`); return find(id); },
    async listSwaps() { calls.push('listSwaps'); return swaps; },
    async requestSwap() { throw new ScheduleApiError('not faked', 500); },
    async decideSwap() { throw new ScheduleApiError('not faked', 500); },
    async fairness() { throw new ScheduleApiError('not faked', 500); },
    async rebalance() { throw new ScheduleApiError('not faked', 500); },
    async feeds() { calls.push('feeds'); return []; },
    async regenerateFeed() { throw new ScheduleApiError('not faked', 500); },
  };
}

/**
 * Installs a fresh Pinia on a bare app that provides fake console services and `api`, makes it
 * active, and signs `userId` in, so the calendar stores run as in the console.
 */
export function installCalendarPinia(api: ScheduleApi, userId = 'ann', now = new Date('2026-11-28T12:00:00Z')): void {
  const pinia = createPinia();
  const services = {
    host: createFakeHost(),
    api: createFakeApi(async () => { throw new Error('no login in these tests'); }),
    openLink: () => createFakeLink(),
    now: () => now,
  };
  createApp({}).provide(ServicesKey, services).provide(ScheduleApiKey, api).use(pinia);
  setActivePinia(pinia);
  const session = useSessionStore();
  session.relayUrl = 'http://relay.test';
  session.token = 'tok';
  session.user = { id: userId, name: userId, email: `${userId}@example.com`, role: userId === 'ann' ? 'ir-manager' : 'responder', notify: [] };
}
