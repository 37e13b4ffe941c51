import type { Override } from '../../../shared/schemas/schedule.js';
import { paint, mergeAdjacent, type Segment } from './timeline.js';
import { parseLocalDateTime, type ZoneTime } from './zone-time.js';

/**
 * Applies `overrides` in array order to a layered line covering [from, to), so a later override
 * wins where they overlap. One with `replaces` puts its user in place of that user wherever that
 * user is on call in the line as it stands (keeping the layer); one without puts its user on call
 * for its whole window, gaps included, replacing everyone (layer null). Override times are read in
 * `zone`; an override with unreadable times or an empty window changes nothing.
 */
export function applyOverrides(
  line: readonly Segment[],
  overrides: readonly Override[],
  zone: ZoneTime,
  from: number,
  to: number,
): Segment[] {
  let result: Segment[] = [...line];
  for (const override of overrides) {
    const startLocal = parseLocalDateTime(override.start);
    const endLocal = parseLocalDateTime(override.end);
    if (startLocal === null || endLocal === null) continue;
    const start = Math.max(zone.fromLocal(startLocal), from);
    const end = Math.min(zone.fromLocal(endLocal), to);
    if (!(start < end)) continue;
    result = paint(result, start, end, (seg) => cover(seg, override));
  }
  return mergeAdjacent(result);
}

/** Returns what one segment becomes under one override. */
function cover(seg: Segment, override: Override): Segment {
  const { user, replaces } = override;
  if (replaces === undefined) return { ...seg, users: [user], layer: null, override: true };
  if (replaces === user || !seg.users.includes(replaces)) return seg;
  const users = [...new Set(seg.users.map((u) => (u === replaces ? user : u)))];
  return { ...seg, users, override: true };
}
