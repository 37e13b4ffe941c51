import type { HandoffClock, Rotation } from '../../../shared/schemas/schedule.js';
import { parseLocalDateTime, type ZoneTime } from './zone-time.js';

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
 * range. Turn k (k ≥ 0) starts at start + k × shiftLength: with wall-clock handoffs the steps are
 * taken on the zone's wall clock (a 08:00/20:00 handoff stays at 08:00/20:00 across DST), with
 * elapsed handoffs in real time. Before its start the rotation has nobody: the first turn begins at
 * the start. Returns an empty list when the rotation cannot turn (no participants, no positive
 * length or an unreadable start).
 */
export function rotationTurns(rotation: Rotation, zone: ZoneTime, from: number, to: number): Turn[] {
  const { participants } = rotation;
  const start = parseLocalDateTime(rotation.start);
  const length = rotation.shiftLength;
  if (start === null || participants.length === 0 || !(length > 0) || !(from < to)) return [];

  const clock = turnClock(start, length, handoffClock(rotation), zone);
  let k = Math.max(0, clock.estimate(from));
  // The estimate may be one off around DST changes; settle it so turn k holds `from` (or is the first).
  while (k > 0 && clock.startOf(k) > from) k -= 1;
  while (clock.startOf(k + 1) <= from) k += 1;

  const turns: Turn[] = [];
  let turnStart = clock.startOf(k);
  while (turnStart < to) {
    const next = clock.startOf(k + 1);
    const user = participants[k % participants.length];
    // A wall-clock turn that falls wholly in a DST gap has no length: it is skipped, not drawn.
    if (user !== undefined && next > turnStart && next > from) {
      turns.push({ start: Math.max(turnStart, from), end: Math.min(next, to), user });
    }
    turnStart = next;
    k += 1;
  }
  return turns;
}

/**
 * Tells how `rotation` hands over: as set, or by default on the wall clock for whole-day lengths
 * and in elapsed time otherwise.
 */
export function handoffClock(rotation: Rotation): HandoffClock {
  return rotation.handoffs ?? (rotation.shiftLength % SECONDS_PER_DAY === 0 ? 'wall-clock' : 'elapsed');
}

/** Where turn k starts, and a first guess of the turn holding an instant. */
interface TurnClock {
  startOf(k: number): number;
  estimate(instant: number): number;
}

function turnClock(start: number, lengthSeconds: number, mode: HandoffClock, zone: ZoneTime): TurnClock {
  const step = lengthSeconds * 1000;
  if (mode === 'wall-clock') {
    return {
      startOf: (k) => zone.fromLocal(start + k * step),
      estimate: (instant) => Math.floor((zone.toLocal(instant) - start) / step),
    };
  }
  const first = zone.fromLocal(start);
  return {
    startOf: (k) => first + k * step,
    estimate: (instant) => Math.floor((instant - first) / step),
  };
}
