import type { Rotation } from '../../../shared/schemas/schedule.js';
import { DAY_MS, parseLocalDateTime, type ZoneTime } from './zone-time.js';

/** One participant's turn of a rotation, clipped to the range asked for. */
export interface Turn {
  /** The first instant of the turn (or of the range), in epoch milliseconds. */
  start: number;
  /** The first instant after the turn (or the end of the range), in epoch milliseconds. */
  end: number;
  /** The participant whose turn it is. */
  user: string;
}

const SECONDS_PER_DAY = 86_400;

/**
 * Lists the turns of `rotation` that overlap [from, to), in order and contiguous, clipped to the
 * range. Turn k starts at handoff + k × shiftLength: whole-day lengths advance in calendar days of
 * the zone (a 09:00 handoff stays at 09:00 across DST), other lengths in elapsed time. Before the
 * first handoff the rotation runs backwards. Returns an empty list when the rotation cannot turn
 * (no participants, no positive length or an unreadable handoff).
 */
export function rotationTurns(rotation: Rotation, zone: ZoneTime, from: number, to: number): Turn[] {
  const { participants } = rotation;
  const handoff = parseLocalDateTime(rotation.handoff);
  const length = rotation.shiftLength;
  if (handoff === null || participants.length === 0 || !(length > 0) || !(from < to)) return [];

  const clock = turnClock(handoff, length, zone);
  let k = clock.estimate(from);
  // The estimate may be one off around DST changes; settle it so turn k holds `from`.
  while (clock.startOf(k) > from) k -= 1;
  while (clock.startOf(k + 1) <= from) k += 1;

  const turns: Turn[] = [];
  let start = clock.startOf(k);
  while (start < to) {
    const next = clock.startOf(k + 1);
    const user = participants[((k % participants.length) + participants.length) % participants.length];
    if (user !== undefined) turns.push({ start: Math.max(start, from), end: Math.min(next, to), user });
    start = next;
    k += 1;
  }
  return turns;
}

/** Where turn k starts, and a first guess of the turn holding an instant. */
interface TurnClock {
  startOf(k: number): number;
  estimate(instant: number): number;
}

function turnClock(handoff: number, lengthSeconds: number, zone: ZoneTime): TurnClock {
  if (lengthSeconds % SECONDS_PER_DAY === 0) {
    const step = (lengthSeconds / SECONDS_PER_DAY) * DAY_MS;
    return {
      startOf: (k) => zone.fromLocal(handoff + k * step),
      estimate: (instant) => Math.floor((zone.toLocal(instant) - handoff) / step),
    };
  }
  const first = zone.fromLocal(handoff);
  const step = lengthSeconds * 1000;
  return {
    startOf: (k) => first + k * step,
    estimate: (instant) => Math.floor((instant - first) / step),
  };
}
