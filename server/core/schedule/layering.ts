import { gap, mergeAdjacent, type Segment } from './timeline.js';

/**
 * Stacks layer lines (index 0 the lowest), each covering [from, to) contiguously: wherever a higher
 * line has someone on call it wins, and where it has nobody the lower lines show through. Returns
 * one merged line covering [from, to), with gaps where no layer has anyone.
 */
export function stackLayers(lines: readonly (readonly Segment[])[], from: number, to: number): Segment[] {
  const bounds = new Set<number>([from, to]);
  for (const line of lines) for (const seg of line) bounds.add(seg.start);
  const cuts = [...bounds].filter((t) => t >= from && t <= to).sort((a, b) => a - b);

  const cursors = lines.map(() => 0);
  const stacked: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i += 1) {
    const start = cuts[i] as number;
    const end = cuts[i + 1] as number;
    let top: Segment = gap(start, end);
    for (let l = lines.length - 1; l >= 0; l -= 1) {
      const line = lines[l] as readonly Segment[];
      let c = cursors[l] as number;
      while (c < line.length && (line[c] as Segment).end <= start) c += 1;
      cursors[l] = c;
      const seg = line[c];
      if (seg && seg.start <= start && seg.users.length > 0) {
        top = { ...seg, start, end };
        break;
      }
    }
    stacked.push(top);
  }
  return mergeAdjacent(stacked);
}
