import type { Layer, Schedule } from '../../../shared/schemas/schedule.js';
import { restrictionWindows } from './restriction-windows.js';
import { rotationTurns } from './rotation.js';
import { fillGaps, mergeAdjacent, toShift, type Segment } from './timeline.js';
import type { Shift } from './types.js';
import { createZoneTime, type ZoneTime } from './zone-time.js';

/**
 * Computes one layer's own line over [from, to): its rotation's turns inside its restriction
 * windows, with gap segments where the layer has nobody, neighbours that say the same merged.
 */
export function layerSegments(layer: Layer, zone: ZoneTime, from: number, to: number): Segment[] {
  const turns = rotationTurns(layer.rotation, zone, from, to);
  const windows = restrictionWindows(layer.restrictions, zone, from, to);
  const covered: Segment[] = [];
  let w = 0;
  // Both lists are sorted, so one pass intersects them.
  for (const turn of turns) {
    while (w < windows.length && (windows[w]?.end ?? 0) <= turn.start) w += 1;
    for (let j = w; j < windows.length; j += 1) {
      const window = windows[j];
      if (!window || window.start >= turn.end) break;
      const start = Math.max(turn.start, window.start);
      const end = Math.min(turn.end, window.end);
      if (start < end) covered.push({ start, end, users: [turn.user], layer: layer.name, override: false });
    }
  }
  return mergeAdjacent(fillGaps(covered, from, to));
}

/**
 * Returns the segments of the schedule's layer number `layerIndex` (0 = the lowest) over
 * [from, to), before layering and overrides, for drawing that layer on a calendar. Gaps where the
 * layer has nobody are segments with no users and a null layer. Returns an empty list when the
 * layer does not exist, the range is empty, or the schedule's time zone is unknown.
 */
export function layerShifts(schedule: Schedule, layerIndex: number, from: Date, to: Date): Shift[] {
  const layer = schedule.layers[layerIndex];
  const zone = createZoneTime(schedule.timeZone);
  const start = from.getTime();
  const end = to.getTime();
  if (!layer || !zone || !(start < end)) return [];
  return layerSegments(layer, zone, start, end).map(toShift);
}
