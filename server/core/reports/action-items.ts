import { DateTime } from 'luxon';
import type { ReportActionItemFact } from './report-facts.js';

/** Action items counted by where they stand. */
export interface ActionItemCounts {
  open: number;
  overdue: number;
  done: number;
}

/** The local date "YYYY-MM-DD" of the instant `ms` in `timeZone` (UTC when the zone is unknown). */
export function localDate(ms: number, timeZone: string): string {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return (local.isValid ? local : DateTime.fromMillis(ms, { zone: 'utc' })).toISODate()!;
}

/**
 * Counts action items: `open` ones, of which `overdue` are those with a due date before `dueBefore`
 * (the report's `to` as a local date), and `done` ones. Items marked "won't do" are in neither.
 */
export function countActionItems(items: readonly Pick<ReportActionItemFact, 'dueDate' | 'state'>[], dueBefore: string): ActionItemCounts {
  const counts: ActionItemCounts = { open: 0, overdue: 0, done: 0 };
  for (const item of items) {
    if (item.state === 'done') counts.done += 1;
    else if (item.state === 'open') {
      counts.open += 1;
      if (item.dueDate !== null && item.dueDate < dueBefore) counts.overdue += 1;
    }
  }
  return counts;
}
