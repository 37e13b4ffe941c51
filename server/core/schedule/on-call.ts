import type { Schedule } from '../../../shared/schemas/schedule.js';
import { layerSegments } from './layer-shifts.js';
import { stackLayers } from './layering.js';
import { applyOverrides } from './overrides.js';
import { gap, toShift, type Segment } from './timeline.js';
import type { OnCall, Shift } from './types.js';
import { createZoneTime } from './zone-time.js';

/**
 * Computes the schedule's final on-call line over [from, to) in epoch milliseconds: layers stacked,
 * then overrides applied. Returns an empty list for an empty range, and one gap when the schedule's
 * time zone is unknown (nobody can be placed on call).
 */
export function finalSegments(schedule: Schedule, from: number, to: number): Segment[] {
  if (!(from < to)) return [];
  const zone = createZoneTime(schedule.timeZone);
  if (!zone) return [gap(from, to)];
  const lines = schedule.layers.map((layer) => layerSegments(layer, zone, from, to));
  return applyOverrides(stackLayers(lines, from, to), schedule.overrides, zone, from, to);
}

/**
 * Returns the final on-call line of `schedule` over [from, to) as consecutive segments that cover
 * the range exactly: later layers win where they have someone, overrides apply on top, gaps are
 * segments with no users, and neighbours with the same users, layer and override are merged.
 * Returns an empty list when `to` is not after `from`.
 */
export function shifts(schedule: Schedule, from: Date, to: Date): Shift[] {
  return finalSegments(schedule, from.getTime(), to.getTime()).map(toShift);
}

/**
 * Tells who is on call in `schedule` at the instant `at`; `users` is empty when nobody is (and
 * when `at` is not a valid date).
 */
export function onCallAt(schedule: Schedule, at: Date): OnCall {
  const instant = at.getTime();
  // The segment holding one millisecond is the same computation `shifts` does, so the two agree.
  const seg = finalSegments(schedule, instant, instant + 1)[0];
  if (!seg) return { users: [], layer: null, override: false };
  return { users: [...seg.users], layer: seg.layer, override: seg.override };
}
