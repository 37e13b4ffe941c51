import { inject, type InjectionKey } from 'vue';
import { z } from 'zod';
import {
  CalendarFeedSchema,
  CalendarViewSchema,
  IssuedCalendarFeedSchema,
  FairnessReportSchema,
  RebalanceSuggestionSchema,
  ScheduleSummarySchema,
  type CalendarFeed,
  type CalendarView,
  type IssuedCalendarFeed,
  type CalendarViewKind,
  type FairnessReport,
  type RebalanceSuggestion,
  type ScheduleSummary,
} from '../../../shared/schemas/calendar.js';
import type { Override, Schedule } from '../../../shared/schemas/schedule.js';
import { SwapRequestSchema, type CreateSwap, type SwapDecision, type SwapRequest } from '../../../shared/schemas/swap.js';

/** Where and as whom the console calls the relay. */
export interface RelaySession {
  relayUrl: string;
  token: string;
}

/** A refused or failed schedule call; `field` names the input at fault when the relay said so. */
export class ScheduleApiError extends Error {
  /** Creates an error with the relay's message, its HTTP status and the field at fault. */
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ScheduleApiError';
  }
}

/** The relay's schedule, swap, fairness and calendar-feed API as the calendar stores use it. */
export interface ScheduleApi {
  listSchedules(s: RelaySession): Promise<ScheduleSummary[]>;
  calendar(s: RelaySession, id: string, view: CalendarViewKind, date: string): Promise<CalendarView>;
  saveSchedule(s: RelaySession, schedule: Schedule, mode: 'create' | 'replace'): Promise<ScheduleSummary>;
  addOverrides(s: RelaySession, id: string, overrides: Override[]): Promise<ScheduleSummary>;
  removeOverride(s: RelaySession, id: string, index: number): Promise<ScheduleSummary>;
  listSwaps(s: RelaySession): Promise<SwapRequest[]>;
  requestSwap(s: RelaySession, scheduleId: string, ask: CreateSwap): Promise<SwapRequest>;
  decideSwap(s: RelaySession, swapId: string, decision: SwapDecision): Promise<SwapRequest>;
  fairness(s: RelaySession, id: string, from: string, to: string): Promise<FairnessReport>;
  rebalance(s: RelaySession, id: string, weeks: number): Promise<RebalanceSuggestion>;
  feeds(s: RelaySession): Promise<CalendarFeed[]>;
  regenerateFeed(s: RelaySession, kind: CalendarFeed['kind'], subject: string): Promise<IssuedCalendarFeed>;
}

/** Creates the schedule API client on `fetch`; answers are checked with the shared schemas. */
export function createScheduleApi(fetchImpl: typeof fetch = (...args) => globalThis.fetch(...args)): ScheduleApi {
  async function call<T>(s: RelaySession, method: string, path: string, schema: z.ZodType<T>, body?: unknown): Promise<T> {
    let response: Response;
    try {
      response = await fetchImpl(`${s.relayUrl}${path}`, {
        method,
        headers: { authorization: `Bearer ${s.token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new ScheduleApiError(`The relay at ${s.relayUrl} is unreachable`, 0);
    }
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const { error, field } = (data ?? {}) as { error?: unknown; field?: unknown };
      throw new ScheduleApiError(typeof error === 'string' ? error : `The relay answered HTTP ${response.status}`, response.status, typeof field === 'string' ? field : undefined);
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) throw new ScheduleApiError('The relay sent an answer this console does not understand', response.status);
    return parsed.data;
  }
  const id = encodeURIComponent;
  return {
    listSchedules: async (s) => (await call(s, 'GET', '/api/v1/schedules', z.object({ schedules: z.array(ScheduleSummarySchema) }))).schedules,
    calendar: (s, sid, view, date) => call(s, 'GET', `/api/v1/schedules/${id(sid)}/calendar?view=${view}&date=${date}`, CalendarViewSchema),
    saveSchedule: (s, schedule, mode) =>
      mode === 'create'
        ? call(s, 'POST', '/api/v1/schedules', ScheduleSummarySchema, schedule)
        : call(s, 'PUT', `/api/v1/schedules/${id(schedule.id)}`, ScheduleSummarySchema, schedule),
    addOverrides: (s, sid, overrides) => call(s, 'POST', `/api/v1/schedules/${id(sid)}/overrides`, ScheduleSummarySchema, { overrides }),
    removeOverride: (s, sid, index) => call(s, 'DELETE', `/api/v1/schedules/${id(sid)}/overrides/${index}`, ScheduleSummarySchema),
    listSwaps: async (s) => (await call(s, 'GET', '/api/v1/swaps', z.object({ swaps: z.array(SwapRequestSchema) }))).swaps,
    requestSwap: (s, sid, ask) => call(s, 'POST', `/api/v1/schedules/${id(sid)}/swaps`, SwapRequestSchema, ask),
    decideSwap: (s, swapId, decision) => call(s, 'POST', `/api/v1/swaps/${id(swapId)}/decision`, SwapRequestSchema, { decision }),
    fairness: (s, sid, from, to) =>
      call(s, 'GET', `/api/v1/schedules/${id(sid)}/fairness?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, FairnessReportSchema),
    rebalance: (s, sid, weeks) => call(s, 'GET', `/api/v1/schedules/${id(sid)}/rebalance?weeks=${weeks}`, RebalanceSuggestionSchema),
    feeds: async (s) => (await call(s, 'GET', '/api/v1/calendar-feeds', z.object({ feeds: z.array(CalendarFeedSchema) }))).feeds,
    regenerateFeed: (s, kind, subject) => call(s, 'POST', '/api/v1/calendar-feeds/regenerate', IssuedCalendarFeedSchema, { kind, subject }),
  };
}

/** The injection key tests use to hand the calendar stores a fake schedule API. */
export const ScheduleApiKey: InjectionKey<ScheduleApi> = Symbol('klaxon.schedule-api');

/** Returns the provided schedule API, or the real one on `fetch`; call it in a store's setup. */
export function useScheduleApi(): ScheduleApi {
  return inject(ScheduleApiKey, null) ?? createScheduleApi();
}
