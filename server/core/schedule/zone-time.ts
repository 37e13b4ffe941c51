import { IANAZone } from 'luxon';

/** Milliseconds in one minute. */
export const MINUTE_MS = 60_000;

/** Milliseconds in one calendar day of wall-clock time (not always 24 elapsed hours in a zone). */
export const DAY_MS = 86_400_000;

/**
 * Wall-clock arithmetic in one IANA time zone. A "local" value is the wall-clock reading written as
 * milliseconds as if it were UTC (so `new Date(local).getUTCHours()` is the local hour); an
 * "instant" is real epoch milliseconds.
 */
export interface ZoneTime {
  /** The IANA name of the zone. */
  readonly name: string;
  /** Returns the zone's offset from UTC at `instant`, in milliseconds. */
  offset(instant: number): number;
  /** Returns the wall-clock reading at `instant`. */
  toLocal(instant: number): number;
  /**
   * Returns the instant at which the wall clock reads `local`. A reading skipped by a DST gap moves
   * forward to the first valid instant (the transition itself); a reading that happens twice (fall
   * back) takes the earlier instant.
   */
  fromLocal(local: number): number;
}

/**
 * Opens the IANA zone `name` for wall-clock arithmetic, or returns null when the runtime does not
 * know it. Like the tz database in practice, it assumes a zone changes its offset at most once in
 * any two days.
 */
export function createZoneTime(name: string): ZoneTime | null {
  const zone = IANAZone.create(name);
  if (!zone.isValid) return null;
  const exact = (instant: number): number => zone.offset(instant) * MINUTE_MS;
  const chunks = chunksOf(zone.name);
  // Asking the zone is slow (Intl formatting, tens of microseconds), so it is asked once per
  // two-day chunk, plus a binary search for the instant of the change in the few chunks whose
  // ends disagree.
  const offset = (instant: number): number => {
    const index = Math.floor(instant / CHUNK_MS);
    let chunk = chunks.get(index);
    if (!chunk) {
      const start = index * CHUNK_MS;
      const before = chunks.get(index - 1)?.after ?? exact(start);
      const after = chunks.get(index + 1)?.before ?? exact(start + CHUNK_MS);
      const change = before === after ? start + CHUNK_MS : firstChange(exact, start, start + CHUNK_MS);
      chunk = { before, after, change };
      chunks.set(index, chunk);
    }
    return instant < chunk.change ? chunk.before : chunk.after;
  };
  const toLocal = (instant: number): number => instant + offset(instant);
  const fromLocal = (local: number): number => {
    const before = offset(local - DAY_MS);
    const after = offset(local + DAY_MS);
    if (before === after) return local - before;
    const valid = [local - before, local - after].filter((u) => toLocal(u) === local);
    if (valid.length > 0) return Math.min(...valid);
    // A skipped reading: the first valid instant is the change, which lies between the readings
    // taken with the later and the earlier offset.
    return firstChange(offset, local - Math.max(before, after), local - Math.min(before, after));
  };
  return { name, offset, toLocal, fromLocal };
}

/** How much of the time line one question to the zone covers. */
const CHUNK_MS = 2 * DAY_MS;

/** One two-day chunk: the offset before and after `change` (the chunk's end when none). */
interface Chunk {
  before: number;
  after: number;
  change: number;
}

/**
 * Known chunks per zone, shared by every computation: a zone's offsets are a fixed function of the
 * instant while the process runs, so this cache changes speed only, never an answer.
 */
const CHUNK_CACHE = new Map<string, Map<number, Chunk>>();

/** Chunks kept per zone before its cache starts afresh (about a century). */
const MAX_CHUNKS_PER_ZONE = 20_000;

function chunksOf(zoneName: string): Map<number, Chunk> {
  let chunks = CHUNK_CACHE.get(zoneName);
  if (!chunks || chunks.size > MAX_CHUNKS_PER_ZONE) {
    chunks = new Map();
    CHUNK_CACHE.set(zoneName, chunks);
  }
  return chunks;
}

/** Finds the first instant in (lo, hi] whose offset differs from the offset at `lo`. */
function firstChange(offset: (instant: number) => number, lo: number, hi: number): number {
  const old = offset(lo);
  let low = lo;
  let high = hi;
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (offset(mid) === old) low = mid;
    else high = mid;
  }
  return high;
}

/**
 * Parses a wall-clock date and time "YYYY-MM-DDTHH:MM" (optionally ":SS") into a local value, or
 * returns null when the text is not a real calendar date and time.
 */
export function parseLocalDateTime(text: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map((part) => Number(part ?? 0)) as [
    number, number, number, number, number, number,
  ];
  if (hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(local);
  // Date.UTC rolls 31 April over into May; a real date reads back the same.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    return null;
  }
  return local;
}

/** Parses a wall-clock time "HH:MM" (up to "24:00") into minutes after midnight, or returns null. */
export function parseLocalTime(text: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(text);
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  if (Number(m[2]) > 59 || minutes > 24 * 60) return null;
  return minutes;
}

/** Returns the start (local midnight) of the calendar day holding the local value `local`. */
export function localDayStart(local: number): number {
  return Math.floor(local / DAY_MS) * DAY_MS;
}
