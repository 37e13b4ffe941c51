import type { SuggestedOverride } from '../../../shared/schemas/calendar.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { addDays, instantAt, localDateOf, type BusinessTeam } from '../business-hours/index.js';
import { shifts } from '../schedule/index.js';
import { createZoneTime } from '../schedule/zone-time.js';
import { businessWindows, offHoursMs } from './business-windows.js';

/** What {@link suggestRebalance} reads. */
export interface RebalanceInput {
  schedule: Schedule;
  team: BusinessTeam;
  /** Each person's load score so far (see `loadScore`); people missing count as 0. */
  past: Readonly<Record<string, number>>;
  /** The coming window whose shifts may move. */
  from: Date;
  to: Date;
  /** At most this many moves (default 20). */
  maxMoves?: number;
}

/** The rebalance: proposed overrides and each participant's score before and after them. */
export interface RebalanceResult {
  overrides: SuggestedOverride[];
  before: Record<string, number>;
  after: Record<string, number>;
}

interface Piece {
  start: number;
  end: number;
  owner: string;
  original: string;
  weight: number;
}

const HOUR_MS = 3_600_000;

/** Cuts the final line's single-person, non-override stretches at the team's local midnights. */
function pieces(input: RebalanceInput): Piece[] {
  const windows = businessWindows(input.team, input.from.getTime(), input.to.getTime());
  const out: Piece[] = [];
  for (const shift of shifts(input.schedule, input.from, input.to)) {
    const user = shift.users[0];
    if (shift.override || shift.users.length !== 1 || !user) continue;
    let start = shift.start.getTime();
    const end = shift.end.getTime();
    while (start < end) {
      const midnight = instantAt(addDays(localDateOf(start, input.team.timeZone), 1), '00:00', input.team.timeZone);
      const cut = Math.min(end, midnight);
      const weight = (cut - start + offHoursMs(windows, start, cut)) / HOUR_MS;
      out.push({ start, end: cut, owner: user, original: user, weight });
      start = cut;
    }
  }
  return out;
}

function localText(schedule: Schedule, instant: number): string {
  const zone = createZoneTime(schedule.timeZone);
  return new Date(zone ? zone.toLocal(instant) : instant).toISOString().slice(0, 16);
}

function rounded(value: number): number {
  return Math.round(value * 100) / 100;
}

/**
 * Proposes overrides that even out the load of the schedule's participants over the coming window:
 * the score so far (`past`) plus the coming shifts' hours (off-hours counted twice). It moves whole
 * days of the most loaded person's coming shifts to the least loaded person, one at a time, only
 * while a move narrows the gap between them, and joins neighbouring moves into one override. Time
 * already under an override and shared shifts are left alone.
 */
export function suggestRebalance(input: RebalanceInput): RebalanceResult {
  const people = [...new Set(input.schedule.layers.flatMap((l) => l.rotation.participants))];
  const all = pieces(input);
  const score = () => {
    const s: Record<string, number> = Object.fromEntries(people.map((p) => [p, input.past[p] ?? 0]));
    for (const piece of all) s[piece.owner] = (s[piece.owner] ?? 0) + piece.weight;
    return s;
  };
  const before = score();
  const maxMoves = input.maxMoves ?? 20;
  for (let move = 0; move < maxMoves && people.length > 1; move += 1) {
    const s = score();
    const ranked = [...people].sort((a, b) => (s[b] ?? 0) - (s[a] ?? 0) || a.localeCompare(b));
    const heavy = ranked[0]!;
    const light = ranked[ranked.length - 1]!;
    const gap = (s[heavy] ?? 0) - (s[light] ?? 0);
    // A move of weight w leaves a gap of |gap - 2w|: it helps only when w < gap; w nearest gap/2 helps most.
    const candidates = all.filter((p) => p.owner === heavy && p.weight > 0 && p.weight < gap);
    if (candidates.length === 0) break;
    const best = candidates.reduce((a, b) => (Math.abs(gap - 2 * b.weight) < Math.abs(gap - 2 * a.weight) ? b : a));
    best.owner = light;
  }
  const moved = all.filter((p) => p.owner !== p.original).sort((a, b) => a.start - b.start);
  const joined: Piece[] = [];
  for (const piece of moved) {
    const last = joined[joined.length - 1];
    if (last && last.end === piece.start && last.owner === piece.owner && last.original === piece.original) {
      last.end = piece.end;
      last.weight += piece.weight;
    } else joined.push({ ...piece });
  }
  const after = score();
  const round = (r: Record<string, number>) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, rounded(v)]));
  return {
    overrides: joined.map((p) => ({
      user: p.owner,
      replaces: p.original,
      start: localText(input.schedule, p.start),
      end: localText(input.schedule, p.end),
      hours: rounded((p.end - p.start) / HOUR_MS),
    })),
    before: round(before),
    after: round(after),
  };
}
