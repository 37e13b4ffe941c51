import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { Team } from '../../../shared/schemas/team.js';
import type { WallboardTeam } from '../../../shared/schemas/wallboard.js';
import { nextHandoff, onCallAt } from '../schedule/index.js';

/**
 * Who is on call at `now` in every schedule, grouped by team (teams in name order, only those with
 * schedules), with the schedule's next handoff and who takes over then; people are shown by name,
 * and a gap is an empty list.
 */
export function onCallNow(
  teams: readonly Team[],
  schedules: readonly Schedule[],
  names: ReadonlyMap<string, string>,
  now: Date,
): WallboardTeam[] {
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const byTeam = new Map<string, WallboardTeam>();
  for (const schedule of [...schedules].sort((a, b) => a.name.localeCompare(b.name))) {
    const entry = byTeam.get(schedule.team) ?? { teamId: schedule.team, teamName: teamName.get(schedule.team) ?? schedule.team, schedules: [] };
    byTeam.set(schedule.team, entry);
    const next = nextHandoff(schedule, now);
    entry.schedules.push({
      scheduleId: schedule.id,
      scheduleName: schedule.name,
      people: onCallAt(schedule, now).users.map((id) => names.get(id) ?? id),
      nextHandoffAt: next ? next.at.toISOString() : null,
      nextPeople: next ? next.users.map((id) => names.get(id) ?? id) : [],
    });
  }
  return [...byTeam.values()].sort((a, b) => a.teamName.localeCompare(b.teamName));
}
