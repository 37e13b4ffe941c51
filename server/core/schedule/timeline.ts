import type { Shift } from './types.js';

/** A stretch of an on-call line in epoch milliseconds; the working form of {@link Shift}. */
export interface Segment {
  /** The first instant of the stretch, in epoch milliseconds. */
  start: number;
  /** The first instant after the stretch, in epoch milliseconds. */
  end: number;
  /** The users on call, empty in a gap. */
  users: readonly string[];
  /** The layer that put them there, or null. */
  layer: string | null;
  /** True when an override changed who is on call. */
  override: boolean;
}

/** Creates a gap segment: nobody on call from `start` to `end`. */
export function gap(start: number, end: number): Segment {
  return { start, end, users: [], layer: null, override: false };
}

/** Tells whether two user lists are the same, in the same order. */
export function sameUsers(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((user, i) => user === b[i]);
}

/** Tells whether two segments say the same thing (users, layer and override), wherever they lie. */
export function sameCover(a: Segment, b: Segment): boolean {
  return a.layer === b.layer && a.override === b.override && sameUsers(a.users, b.users);
}

/**
 * Turns sorted, non-overlapping covered stretches into a line covering [from, to) exactly, adding
 * gap segments where nothing is covered and clipping what lies outside.
 */
export function fillGaps(covered: readonly Segment[], from: number, to: number): Segment[] {
  const line: Segment[] = [];
  let cursor = from;
  for (const seg of covered) {
    const start = Math.max(seg.start, cursor);
    const end = Math.min(seg.end, to);
    if (start >= end) continue;
    if (start > cursor) line.push(gap(cursor, start));
    line.push({ ...seg, start, end });
    cursor = end;
  }
  if (cursor < to) line.push(gap(cursor, to));
  return line;
}

/** Joins neighbouring segments that say the same thing, and drops empty ones. */
export function mergeAdjacent(line: readonly Segment[]): Segment[] {
  const merged: Segment[] = [];
  for (const seg of line) {
    if (seg.start >= seg.end) continue;
    const last = merged[merged.length - 1];
    if (last && last.end === seg.start && sameCover(last, seg)) last.end = seg.end;
    else merged.push({ ...seg });
  }
  return merged;
}

/**
 * Changes the part of a contiguous line that lies in [start, end) with `change`, splitting the
 * segments at the edges; the rest of the line is kept as it is.
 */
export function paint(
  line: readonly Segment[],
  start: number,
  end: number,
  change: (seg: Segment) => Segment,
): Segment[] {
  const out: Segment[] = [];
  for (const seg of line) {
    if (seg.end <= start || seg.start >= end) {
      out.push(seg);
      continue;
    }
    if (seg.start < start) out.push({ ...seg, end: start });
    const inner = { ...seg, start: Math.max(seg.start, start), end: Math.min(seg.end, end) };
    out.push({ ...change(inner), start: inner.start, end: inner.end });
    if (seg.end > end) out.push({ ...seg, start: end });
  }
  return out;
}

/** Converts a working segment to the public {@link Shift} shape. */
export function toShift(seg: Segment): Shift {
  return {
    start: new Date(seg.start),
    end: new Date(seg.end),
    users: [...seg.users],
    layer: seg.layer,
    override: seg.override,
  };
}
