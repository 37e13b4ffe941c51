import { describe, expect, it } from 'vitest';
import type { SwapRequest } from '../../../shared/schemas/swap.js';
import type { RelayLink } from '../../services/socket.js';
import { ScheduleApiError } from '../services/schedule-api.js';
import { createFakeScheduleApi, installCalendarPinia, makeSummary } from '../testing/fake-schedule-api.js';
import { useFairnessStore } from './use-fairness-store.js';
import { useScheduleStore } from './use-schedule-store.js';
import { useSwapStore } from './use-swap-store.js';

const swap: SwapRequest = {
  id: 's1',
  scheduleId: 'noc-primary',
  requester: 'bob',
  target: 'cara',
  start: '2026-12-01T09:00',
  end: '2026-12-02T09:00',
  note: '',
  status: 'pending',
  createdAt: '2026-11-28T12:00:00.000Z',
  decidedAt: null,
  decidedBy: null,
};

/** A relay link whose socket the test can push events on. */
function fakeLink(): RelayLink & { push(event: string, payload: unknown): void; handlers: number } {
  const handlers = new Map<string, Set<(payload: unknown) => void>>();
  const socket = {
    on(event: string, fn: (payload: unknown) => void) { (handlers.get(event) ?? handlers.set(event, new Set()).get(event)!).add(fn); },
    off(event: string, fn: (payload: unknown) => void) { handlers.get(event)?.delete(fn); },
  };
  return {
    socket: socket as unknown as RelayLink['socket'],
    onEvent: () => () => undefined,
    close() {},
    push(event, payload) { handlers.get(event)?.forEach((fn) => fn(payload)); },
    get handlers() { return handlers.get('swap:updated')?.size ?? 0; },
  } as RelayLink & { push(event: string, payload: unknown): void; handlers: number };
}

describe('useScheduleStore', () => {
  it('shows a feed link only once: kept after it is made, never in the listing, forgotten when dismissed', async () => {
    const api = createFakeScheduleApi([makeSummary('noc-primary')]);
    api.feeds = async () => [{ kind: 'user', subject: 'cara', label: 'My on-call shifts', createdAt: null }];
    api.regenerateFeed = async (_s, kind, subject) => ({
      kind, subject, label: 'My on-call shifts', createdAt: '2026-11-30T10:00:00.000Z', url: 'https://relay.example/calendar/secret-token.ics',
    });
    installCalendarPinia(api);
    const store = useScheduleStore();
    await store.loadFeeds();
    expect(store.issuedFeed).toBeNull();
    expect(await store.regenerateFeed(store.feeds[0]!)).toEqual({ ok: true });
    expect(store.issuedFeed?.url).toBe('https://relay.example/calendar/secret-token.ics');
    expect(store.feeds).toEqual([{ kind: 'user', subject: 'cara', label: 'My on-call shifts', createdAt: '2026-11-30T10:00:00.000Z' }]);
    store.dismissIssuedFeed();
    expect(store.issuedFeed).toBeNull();
    expect(JSON.stringify(store.feeds)).not.toContain('secret-token');
  });

  it('loads schedules, selects the first, and draws its month around today', async () => {
    const api = createFakeScheduleApi([makeSummary('noc-primary'), makeSummary('db')]);
    installCalendarPinia(api);
    const store = useScheduleStore();
    await store.load();
    expect(store.selectedId).toBe('noc-primary');
    expect(store.nameOf('bob')).toBe('Bob Example');
    expect(store.calendar?.days[0]?.date).toBe('2026-11-28');
    await store.setView('week');
    await store.move(1);
    await store.select('db');
    expect(api.calls.filter((c) => c.startsWith('calendar'))).toEqual([
      'calendar noc-primary month 2026-11-28',
      'calendar noc-primary week 2026-11-28',
      'calendar noc-primary week 2026-12-05',
      'calendar db week 2026-12-05',
    ]);
  });

  it("opens on the schedule's today, not UTC's, and the day view draws a day of the relay's week", async () => {
    const api = createFakeScheduleApi([makeSummary('noc-primary'), makeSummary('tokyo', { schedule: { ...makeSummary().schedule, id: 'tokyo', timeZone: 'Asia/Tokyo' } })]);
    // 02:30 UTC on the 29th: still the 28th in New York (21:30), already the 29th in Tokyo (11:30).
    installCalendarPinia(api, 'ann', new Date('2026-11-29T02:30:00Z'));
    const store = useScheduleStore();
    await store.load();
    expect(store.anchor).toBe('2026-11-28');
    expect(store.timeZone).toBe('America/New_York');
    await store.select('tokyo');
    expect(store.anchor).toBe('2026-11-29');
    await store.setView('day');
    await store.move(1);
    await store.openDay('2026-12-03');
    await store.move(0);
    expect(api.calls.filter((c) => c.startsWith('calendar'))).toEqual([
      'calendar noc-primary month 2026-11-28',
      'calendar tokyo month 2026-11-29',
      'calendar tokyo week 2026-11-29',
      'calendar tokyo week 2026-11-30',
      'calendar tokyo week 2026-12-03',
      'calendar tokyo week 2026-11-29',
    ]);
    expect(store.view).toBe('day');
  });

  it('adds overrides through the relay, keeps the answer and redraws; a refusal names the field', async () => {
    const api = createFakeScheduleApi([makeSummary()]);
    installCalendarPinia(api);
    const store = useScheduleStore();
    await store.load();
    const override = { user: 'cara', replaces: 'bob', start: '2026-12-01T00:00', end: '2026-12-02T00:00' };
    expect(await store.addOverrides([override])).toEqual({ ok: true });
    expect(store.selected?.schedule.overrides).toEqual([override]);
    api.addOverrides = async () => { throw new ScheduleApiError('overrides.0.end: end must be after start', 400, 'overrides.0.end'); };
    expect(await store.addOverrides([override])).toEqual({ ok: false, message: 'overrides.0.end: end must be after start', field: 'overrides.0.end' });
  });
});

describe('useSwapStore', () => {
  it('answers a request and, on a live push of the acceptance, reloads the calendar', async () => {
    const api = createFakeScheduleApi([makeSummary()], [swap]);
    installCalendarPinia(api, 'cara');
    const schedules = useScheduleStore();
    const swaps = useSwapStore();
    await schedules.load();
    await swaps.load();
    expect(swaps.waitingForMe.map((s) => s.id)).toEqual(['s1']);
    const link = fakeLink();
    const stop = swaps.follow(link);
    const before = api.calls.length;
    link.push('swap:updated', { ...swap, status: 'accepted', decidedBy: 'cara', decidedAt: '2026-11-28T12:05:00.000Z' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(swaps.swaps[0]?.status).toBe('accepted');
    expect(swaps.waitingForMe).toEqual([]);
    expect(api.calls.slice(before)).toEqual(['listSchedules', 'calendar noc-primary month 2026-11-28']);
    stop();
    expect(link.handlers).toBe(0);
  });

  it('shows a new request pushed by the relay at the top', async () => {
    installCalendarPinia(createFakeScheduleApi([makeSummary()]), 'cara');
    const swaps = useSwapStore();
    const link = fakeLink();
    swaps.follow(link);
    link.push('swap:updated', swap);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(swaps.swaps).toEqual([swap]);
  });
});

describe('useFairnessStore', () => {
  it('accepts an edited rebalance suggestion by creating its overrides', async () => {
    const api = createFakeScheduleApi([makeSummary()]);
    api.rebalance = async () => ({
      scheduleId: 'noc-primary', from: '2026-11-29T05:00:00.000Z', to: '2026-12-13T05:00:00.000Z',
      overrides: [
        { user: 'cara', replaces: 'bob', start: '2026-12-01T00:00', end: '2026-12-02T00:00', hours: 24 },
        { user: 'cara', replaces: 'bob', start: '2026-12-03T00:00', end: '2026-12-04T00:00', hours: 24 },
      ],
      before: { bob: 100, cara: 10 },
      after: { bob: 52, cara: 58 },
    });
    api.fairness = async (_s, id, from, to) => ({ scheduleId: id, from, to, people: [] });
    installCalendarPinia(api);
    await useScheduleStore().load();
    const fairness = useFairnessStore();
    expect(await fairness.suggest('noc-primary', 2)).toEqual({ ok: true });
    fairness.discard(1);
    fairness.suggestion![0]!.end = '2026-12-01T12:00';
    expect(await fairness.accept('noc-primary')).toEqual({ ok: true });
    expect(useScheduleStore().selected?.schedule.overrides).toEqual([{ user: 'cara', replaces: 'bob', start: '2026-12-01T00:00', end: '2026-12-01T12:00' }]);
    expect(fairness.suggestion).toBeNull();
  });
});
