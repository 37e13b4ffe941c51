/**
 * The pure calendar core: calendar days and lines from the schedule core, iCalendar rendering and
 * feed events, shift swaps, fair on-call load and the rebalance suggestion. No I/O; time is a parameter.
 */
export { calendarDays, parseLocalDate } from './calendar-days.js';
export { calendarRows } from './calendar-rows.js';
export { businessWindows, offHoursMs, type Span } from './business-windows.js';
export { fairLoad, isNight, loadScore, type HandledActivity, type Load, type LoadInput, type PageActivity } from './fairness.js';
export { scheduleFeedEvents, userFeedEvents, type NameOf } from './feed-events.js';
export { escapeText, foldLine, icsDateTime, renderICalendar, type IcsCalendar, type IcsEvent } from './ical.js';
export { suggestRebalance, type RebalanceInput, type RebalanceResult } from './rebalance.js';
export { managesSchedules, mayEditSchedule, type ScheduleActor } from './schedule-access.js';
export { checkSwapRequest, decideSwap, swapInstants, swapOverride, type SwapAsk, type SwapCheck, type SwapProblem } from './swap.js';
