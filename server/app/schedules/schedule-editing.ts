import type { CalendarView, CalendarViewKind, ScheduleSummary } from '../../../shared/schemas/calendar.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Override, Schedule } from '../../../shared/schemas/schedule.js';
import { calendarDays, calendarRows, managesSchedules, mayEditSchedule, parseLocalDate, type ScheduleActor } from '../../core/calendar/index.js';
import { nextHandoff, onCallAt } from '../../core/schedule/index.js';
import type { Clock } from '../ports/clock.js';
import type { Store, StoreSession } from '../ports/store.js';
import { ScheduleProblem } from './schedule-problem.js';

/** Schedules as the console reads and edits them. */
export interface ScheduleEditing {
  /** Every schedule with who is on call now, its origin and whether `actor` may edit it. */
  list(actor: ScheduleActor): Promise<ScheduleSummary[]>;
  /** One schedule's summary. */
  get(actor: ScheduleActor, id: string): Promise<ScheduleSummary>;
  /** The days of a month or week view around `date` ("YYYY-MM-DD") and the lines over them. */
  calendar(id: string, view: CalendarViewKind, date: string): Promise<CalendarView>;
  /** Creates (managers only) or replaces (owner, managers) a schedule: layers, rotations, restrictions, overrides. */
  save(actor: ScheduleActor, schedule: Schedule, mode: 'create' | 'replace'): Promise<ScheduleSummary>;
  /** Adds overrides (owner, managers). */
  addOverrides(actor: ScheduleActor, id: string, overrides: Override[]): Promise<ScheduleSummary>;
  /** Removes the override at `index` (owner, managers). */
  removeOverride(actor: ScheduleActor, id: string, index: number): Promise<ScheduleSummary>;
}

/** Reads a schedule or throws not_found. */
export async function requireSchedule(store: StoreSession, id: string): Promise<Schedule> {
  const schedule = await store.getSchedule(id);
  if (!schedule) throw new ScheduleProblem('not_found', `no schedule "${id}"`);
  return schedule;
}

/** Records that a schedule was changed through the API, keeping the config digest it had. */
export async function markEdited(tx: StoreSession, scheduleId: string, by: string, at: Date): Promise<void> {
  const source = await tx.getScheduleSource(scheduleId);
  await tx.saveScheduleSource({ scheduleId, configDigest: source?.configDigest ?? null, editedAt: at, editedBy: by });
}

/** Checks that every person and the team a schedule names exist, naming the first field that does not. */
async function checkReferences(tx: StoreSession, schedule: Schedule): Promise<void> {
  const team = await tx.getTeam(schedule.team);
  if (!team) throw new ScheduleProblem('invalid', `team: no team "${schedule.team}"`, 'team');
  const users = new Set((await tx.listUsers()).map((u) => u.id));
  const named: [string, string | undefined][] = [
    ['owner', schedule.owner],
    ...schedule.layers.flatMap((layer, i) => layer.rotation.participants.map((p, j): [string, string] => [`layers.${i}.rotation.participants.${j}`, p])),
    ...schedule.overrides.flatMap((o, i): [string, string | undefined][] => [[`overrides.${i}.user`, o.user], [`overrides.${i}.replaces`, o.replaces]]),
  ];
  for (const [field, id] of named) {
    if (id !== undefined && !users.has(id)) throw new ScheduleProblem('invalid', `${field}: no user "${id}"`, field);
  }
}

/** Creates the schedule use-cases on `store`, reading the time from `clock`. */
export function createScheduleEditing(deps: { store: Store; clock: Clock; audit?: AuditTrail }): ScheduleEditing {
  const { store, clock } = deps;
  const audit = deps.audit ?? noAuditTrail;
  const recordChange = (tx: StoreSession, actor: ScheduleActor, id: string, mode: 'create' | 'update') =>
    audit.record({ action: 'schedule.changed', actorId: actor.id, subject: { kind: 'schedule', id }, details: { mode } }, tx);

  async function summarise(actor: ScheduleActor, schedule: Schedule): Promise<ScheduleSummary> {
    const now = clock.now();
    const [source, team, users] = await Promise.all([store.getScheduleSource(schedule.id), store.getTeam(schedule.team), store.listUsers()]);
    const current = onCallAt(schedule, now);
    const handoff = nextHandoff(schedule, now);
    const ids = new Set([...(team?.members ?? []), ...schedule.layers.flatMap((l) => l.rotation.participants)]);
    return {
      schedule,
      origin: source?.editedAt || !source?.configDigest ? 'console' : 'config',
      declaredInConfig: !!source?.configDigest,
      mayEdit: mayEditSchedule(actor, schedule),
      onCall: { ...current, nextHandoff: handoff ? { at: handoff.at.toISOString(), users: handoff.users } : null },
      people: users.filter((u) => ids.has(u.id)).map((u) => ({ id: u.id, name: u.name })),
    };
  }

  async function edit(actor: ScheduleActor, id: string, change: (schedule: Schedule) => Schedule): Promise<ScheduleSummary> {
    const saved = await store.transaction(async (tx) => {
      const schedule = await requireSchedule(tx, id);
      if (!mayEditSchedule(actor, schedule)) {
        throw new ScheduleProblem('forbidden', `only the schedule owner (${schedule.owner ?? 'none'}), IR managers and admins can edit ${id}`);
      }
      const next = change(schedule);
      await checkReferences(tx, next);
      await tx.upsertSchedule(next);
      await markEdited(tx, id, actor.id, clock.now());
      await recordChange(tx, actor, id, 'update');
      return next;
    });
    return summarise(actor, saved);
  }

  return {
    async list(actor) {
      const schedules = await store.listSchedules();
      return Promise.all(schedules.map((s) => summarise(actor, s)));
    },
    async get(actor, id) {
      return summarise(actor, await requireSchedule(store, id));
    },
    async calendar(id, view, date) {
      const schedule = await requireSchedule(store, id);
      const anchor = parseLocalDate(date);
      if (!anchor) throw new ScheduleProblem('invalid', 'date: use a real date YYYY-MM-DD', 'date');
      const days = calendarDays(view, anchor, schedule.timeZone);
      const rows = calendarRows(schedule, new Date(days[0]!.start), new Date(days.at(-1)!.end));
      return { scheduleId: id, view, timeZone: schedule.timeZone, days, rows };
    },
    async save(actor, schedule, mode) {
      if (mode === 'create') {
        if (!managesSchedules(actor)) throw new ScheduleProblem('forbidden', 'only IR managers and admins can create schedules');
        await store.transaction(async (tx) => {
          if (await tx.getSchedule(schedule.id)) throw new ScheduleProblem('conflict', `a schedule "${schedule.id}" exists already`, 'id');
          await checkReferences(tx, schedule);
          await tx.upsertSchedule(schedule);
          await markEdited(tx, schedule.id, actor.id, clock.now());
          await recordChange(tx, actor, schedule.id, 'create');
        });
        return summarise(actor, schedule);
      }
      return edit(actor, schedule.id, (old) => {
        if (old.owner !== schedule.owner && !managesSchedules(actor)) {
          throw new ScheduleProblem('forbidden', 'only IR managers and admins can hand a schedule to another owner', 'owner');
        }
        return schedule;
      });
    },
    addOverrides(actor, id, overrides) {
      return edit(actor, id, (old) => ({ ...old, overrides: [...old.overrides, ...overrides] }));
    },
    removeOverride(actor, id, index) {
      return edit(actor, id, (old) => {
        if (!old.overrides[index]) throw new ScheduleProblem('not_found', `no override number ${index}`);
        return { ...old, overrides: old.overrides.filter((_, i) => i !== index) };
      });
    },
  };
}
