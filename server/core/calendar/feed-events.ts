import type { Schedule } from '../../../shared/schemas/schedule.js';
import { shifts } from '../schedule/index.js';
import type { IcsEvent } from './ical.js';

/** Names people by id for summaries; an unknown id is shown as it is. */
export type NameOf = (userId: string) => string;

function uid(scheduleId: string, start: Date, who: string): string {
  return `${scheduleId}.${start.getTime()}.${who}@klaxon`;
}

/**
 * Returns one calendar event per stretch of the schedule's final on-call line in [from, to) that
 * has someone on call, summarised as "On call: <names> (<schedule>)".
 */
export function scheduleFeedEvents(schedule: Schedule, nameOf: NameOf, from: Date, to: Date): IcsEvent[] {
  return shifts(schedule, from, to)
    .filter((shift) => shift.users.length > 0)
    .map((shift) => ({
      uid: uid(schedule.id, shift.start, shift.users.join('+')),
      start: shift.start,
      end: shift.end,
      summary: `On call: ${shift.users.map(nameOf).join(', ')} (${schedule.name})`,
      description: shift.override ? 'Override' : `Layer: ${shift.layer ?? ''}`,
    }));
}

/**
 * Returns the events of one person's feed: every stretch in [from, to) where `userId` is on call in
 * any of `schedules`, summarised as "On call: <schedule>". Neighbouring stretches of one schedule
 * (the same person under another layer) are joined into one event.
 */
export function userFeedEvents(userId: string, schedules: readonly Schedule[], from: Date, to: Date): IcsEvent[] {
  const events: IcsEvent[] = [];
  for (const schedule of schedules) {
    let open: IcsEvent | undefined;
    for (const shift of shifts(schedule, from, to)) {
      if (!shift.users.includes(userId)) {
        open = undefined;
        continue;
      }
      if (open && open.end.getTime() === shift.start.getTime()) {
        open.end = shift.end;
        continue;
      }
      open = { uid: uid(schedule.id, shift.start, userId), start: shift.start, end: shift.end, summary: `On call: ${schedule.name}` };
      events.push(open);
    }
  }
  return events.sort((a, b) => a.start.getTime() - b.start.getTime());
}
