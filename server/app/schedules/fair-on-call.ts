import type { FairnessReport, RebalanceSuggestion } from '../../../shared/schemas/calendar.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { addDays, instantAt, localDateOf } from '../../core/business-hours/index.js';
import { fairLoad, loadScore, suggestRebalance } from '../../core/calendar/index.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import { requireSchedule } from './schedule-editing.js';
import { ScheduleProblem } from './schedule-problem.js';

const DAY_MS = 86_400_000;
/** The window fair on-call looks back over when none is given, in days. */
export const DEFAULT_FAIRNESS_DAYS = 28;

/** Fair on-call: who carried how much, and overrides that would even it out. */
export interface FairOnCall {
  /** Everyone's load in the schedule over [from, to) (default: the last 28 days). */
  report(scheduleId: string, from?: Date, to?: Date): Promise<FairnessReport>;
  /** Overrides for the coming `weeks` (from the next local midnight) that even out the load of the last 28 days plus those weeks. */
  rebalance(scheduleId: string, weeks: number): Promise<RebalanceSuggestion>;
}

/** Creates fair on-call on `store`. */
export function createFairOnCall(deps: { store: Store; clock: Clock }): FairOnCall {
  const { store, clock } = deps;

  async function teamOf(schedule: Schedule) {
    const team = await store.getTeam(schedule.team);
    if (!team) throw new ScheduleProblem('invalid', `the schedule's team "${schedule.team}" does not exist`);
    return team;
  }

  async function report(scheduleId: string, from?: Date, to?: Date): Promise<FairnessReport> {
    const schedule = await requireSchedule(store, scheduleId);
    const team = await teamOf(schedule);
    const end = to ?? clock.now();
    const start = from ?? new Date(end.getTime() - DEFAULT_FAIRNESS_DAYS * DAY_MS);
    if (!(start < end)) throw new ScheduleProblem('invalid', 'to: must be after from', 'to');
    if (end.getTime() - start.getTime() > 366 * DAY_MS) throw new ScheduleProblem('invalid', 'from: look back at most a year', 'from');
    const [pages, handled, users] = await Promise.all([store.listPageActivity(start, end), store.listHandledActivity(start, end), store.listUsers()]);
    const people = [...new Set([...team.members, ...schedule.layers.flatMap((l) => l.rotation.participants)])];
    const loads = fairLoad({
      schedule,
      team,
      people,
      pages: pages.filter((p) => p.teamId === team.id),
      handled: handled.filter((h) => h.teamId === team.id),
      from: start,
      to: end,
    });
    const names = new Map(users.map((u) => [u.id, u.name]));
    return {
      scheduleId,
      from: start.toISOString(),
      to: end.toISOString(),
      people: loads.map((l) => ({ ...l, name: names.get(l.userId) ?? l.userId })),
    };
  }

  return {
    report,
    async rebalance(scheduleId, weeks) {
      const schedule = await requireSchedule(store, scheduleId);
      const team = await teamOf(schedule);
      const now = clock.now();
      const past = await report(scheduleId, new Date(now.getTime() - DEFAULT_FAIRNESS_DAYS * DAY_MS), now);
      const start = addDays(localDateOf(now.getTime(), team.timeZone), 1);
      const from = new Date(instantAt(start, '00:00', team.timeZone));
      const to = new Date(instantAt(addDays(start, 7 * weeks), '00:00', team.timeZone));
      const result = suggestRebalance({
        schedule,
        team,
        past: Object.fromEntries(past.people.map((p) => [p.userId, loadScore(p)])),
        from,
        to,
      });
      return { scheduleId, from: from.toISOString(), to: to.toISOString(), ...result };
    },
  };
}
