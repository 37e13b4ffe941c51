import { describe, expect, it } from 'vitest';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Weekday } from '../../../shared/schemas/common.js';
import { layerShifts } from './layer-shifts.js';
import { onCallAt, shifts } from './on-call.js';
import { makeSchedule, seededRandom } from './test-fixtures.js';
import type { OnCall, Shift } from './types.js';
import { DAY_MS, MINUTE_MS, createZoneTime, localDayStart, parseLocalDateTime, parseLocalTime, type ZoneTime } from './zone-time.js';

const ZONES = ['America/New_York', 'Pacific/Auckland', 'America/Los_Angeles', 'Europe/London', 'Asia/Kolkata', 'Australia/Lord_Howe', 'UTC'];
const LENGTHS = ['1h', '90m', '8h', '12h', '36h', '1d', '2d', '1w', '2w'];
const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const PEOPLE = ['a', 'b', 'c', 'd', 'e', 'f'];
// Ranges start near DST changes half of the time.
const HOT_SPOTS = ['2026-03-08T00:00Z', '2026-11-01T00:00Z', '2026-04-04T00:00Z', '2026-09-26T00:00Z', '2026-03-29T00:00Z'];

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
const pad = (n: number) => String(n).padStart(2, '0');
const localText = (local: number) => new Date(local).toISOString().slice(0, 16);
const clock = (random: Random, allowMidnight = false) =>
  allowMidnight && random() < 0.1 ? '24:00' : `${pad(Math.floor(random() * 24))}:${pad(pick(random, [0, 15, 30, 45]))}`;

function randomSchedule(random: Random, around: number): Schedule {
  const local = (spreadDays: number) =>
    localText(Math.floor((around + (random() - 0.5) * spreadDays * DAY_MS) / (15 * MINUTE_MS)) * 15 * MINUTE_MS);
  const layers = Array.from({ length: 1 + Math.floor(random() * 3) }, (_, i) => ({
    name: `layer-${i}`,
    rotation: {
      participants: PEOPLE.slice(0, 6).filter(() => random() < 0.5).concat(pick(random, PEOPLE)),
      shiftLength: pick(random, LENGTHS),
      start: local(120),
      ...(random() < 0.5 ? { handoffs: pick(random, ['wall-clock', 'elapsed'] as const) } : {}),
    },
    restrictions: Array.from({ length: Math.floor(random() * 3) }, () => ({
      days: DAYS.filter(() => random() < 0.5).concat(pick(random, DAYS)),
      start: clock(random),
      end: clock(random, true),
    })),
  }));
  const overrides = Array.from({ length: Math.floor(random() * 4) }, () => {
    const start = local(20);
    const end = localText((parseLocalDateTime(start) as number) + Math.ceil(random() * 72) * 3_600_000);
    const replaces = random() < 0.6 ? pick(random, PEOPLE) : undefined;
    return { user: pick(random, PEOPLE), start, end, ...(replaces ? { replaces } : {}) };
  });
  return makeSchedule({ timeZone: pick(random, ZONES), layers, overrides });
}

/** Who is on call at one instant, straight from the definitions, without building any line. */
function referenceOnCall(schedule: Schedule, zone: ZoneTime, t: number): OnCall {
  let result: OnCall = { users: [], layer: null, override: false };
  for (const layer of [...schedule.layers].reverse()) {
    const user = rotationUser(layer.rotation, zone, t);
    if (user !== undefined && allowed(layer.restrictions, zone, t)) {
      result = { users: [user], layer: layer.name, override: false };
      break;
    }
  }
  for (const o of schedule.overrides) {
    const start = zone.fromLocal(parseLocalDateTime(o.start) as number);
    const end = zone.fromLocal(parseLocalDateTime(o.end) as number);
    if (t < start || t >= end) continue;
    if (o.replaces === undefined) result = { users: [o.user], layer: null, override: true };
    else if (o.replaces !== o.user && result.users.includes(o.replaces)) {
      result = { ...result, users: result.users.map((u) => (u === o.replaces ? o.user : u)), override: true };
    }
  }
  return result;
}

function rotationUser(rotation: Schedule['layers'][number]['rotation'], zone: ZoneTime, t: number): string | undefined {
  const first = parseLocalDateTime(rotation.start) as number;
  const wallClock = (rotation.handoffs ?? (rotation.shiftLength % 86_400 === 0 ? 'wall-clock' : 'elapsed')) === 'wall-clock';
  const start = (k: number) =>
    wallClock ? zone.fromLocal(first + k * rotation.shiftLength * 1000) : zone.fromLocal(first) + k * rotation.shiftLength * 1000;
  // Nobody is on call before the rotation's start.
  if (t < start(0)) return undefined;
  // Walk from turn 0 in big then single steps: slow but obviously right.
  let k = 0;
  for (const jump of [4096, 256, 16, 1]) {
    while (start(k + jump) <= t) k += jump;
  }
  return rotation.participants[k % rotation.participants.length];
}

function allowed(restrictions: Schedule['layers'][number]['restrictions'], zone: ZoneTime, t: number): boolean {
  if (restrictions.length === 0) return true;
  const today = localDayStart(zone.toLocal(t));
  return restrictions.some((r) => {
    const open = parseLocalTime(r.start) as number;
    const rawClose = parseLocalTime(r.end) as number;
    const close = rawClose <= open ? rawClose + 1440 : rawClose;
    for (let day = today - 2 * DAY_MS; day <= today + DAY_MS; day += DAY_MS) {
      if (!r.days.includes(DAYS[new Date(day).getUTCDay()] as Weekday)) continue;
      if (zone.fromLocal(day + open * MINUTE_MS) <= t && t < zone.fromLocal(day + close * MINUTE_MS)) return true;
    }
    return false;
  });
}

function expectLine(line: Shift[], from: number, to: number): void {
  expect(line[0]?.start.getTime()).toBe(from);
  expect(line.at(-1)?.end.getTime()).toBe(to);
  line.forEach((seg, i) => {
    expect(seg.start.getTime()).toBeLessThan(seg.end.getTime());
    if (seg.users.length === 0) expect([seg.layer, seg.override]).toEqual([null, false]);
    const prev = line[i - 1];
    if (!prev) return;
    expect(seg.start.getTime()).toBe(prev.end.getTime());
    expect([seg.users, seg.layer, seg.override]).not.toEqual([prev.users, prev.layer, prev.override]);
  });
}

const holding = (line: Shift[], t: number) => line.find((s) => s.start.getTime() <= t && t < s.end.getTime());
const cover = (s: Shift | undefined): OnCall | undefined => s && { users: s.users, layer: s.layer, override: s.override };

describe('shifts, property style over seeded random schedules', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: segments cover the range and agree with onCallAt and the definitions', (seed) => {
    const random = seededRandom(seed);
    for (let round = 0; round < 8; round += 1) {
      const base = random() < 0.5 ? Date.parse(pick(random, HOT_SPOTS)) : Date.UTC(2026, 0, 1) + Math.floor(random() * 365) * DAY_MS;
      const from = base + Math.floor(random() * 96) * 15 * MINUTE_MS;
      const to = from + Math.ceil(random() * 30 * 24) * 3_600_000;
      const schedule = randomSchedule(random, from);
      const line = shifts(schedule, new Date(from), new Date(to));
      expectLine(line, from, to);

      const zone = createZoneTime(schedule.timeZone) as ZoneTime;
      const samples = [...line.flatMap((s) => [s.start.getTime(), s.end.getTime() - 1])];
      for (let i = 0; i < 25; i += 1) samples.push(from + Math.floor(random() * (to - from)));
      for (const t of samples.slice(0, 60)) {
        const expected = referenceOnCall(schedule, zone, t);
        expect(cover(holding(line, t)), `${schedule.timeZone} at ${new Date(t).toISOString()}`).toEqual(expected);
        expect(onCallAt(schedule, new Date(t))).toEqual(expected);
      }

      // A sub-range gives the same line, clipped: nothing depends on where the range starts.
      const a = from + Math.floor(random() * (to - from));
      const b = a + 1 + Math.floor(random() * (to - a - 1));
      if (a < b) {
        const clipped = line
          .filter((s) => s.end.getTime() > a && s.start.getTime() < b)
          .map((s) => ({ ...s, start: new Date(Math.max(s.start.getTime(), a)), end: new Date(Math.min(s.end.getTime(), b)) }));
        expect(shifts(schedule, new Date(a), new Date(b))).toEqual(clipped);
      }

      schedule.layers.forEach((_, i) => expectLine(layerShifts(schedule, i, new Date(from), new Date(to)), from, to));
    }
  });
});
