import type { AdminTeamRow } from '../../../shared/schemas/admin.js';
import type { Weekday } from '../../../shared/schemas/common.js';
import type { Team } from '../../../shared/schemas/team.js';

/** A team as the form edits it: holidays as text, one date per line (or comma-separated). */
export interface TeamDraft {
  id: string;
  name: string;
  timeZone: string;
  days: Weekday[];
  start: string;
  end: string;
  holidays: string;
  members: string[];
}

/** The form's starting point for a new team: weekdays 09:00–17:00 in UTC. */
export function newTeamDraft(): TeamDraft {
  return { id: '', name: '', timeZone: 'UTC', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00', holidays: '', members: [] };
}

/** The form's copy of a listed team. */
export function teamToDraft(team: AdminTeamRow): TeamDraft {
  return {
    id: team.id,
    name: team.name,
    timeZone: team.timeZone,
    days: [...team.businessHours.days],
    start: team.businessHours.start,
    end: team.businessHours.end,
    holidays: team.holidays.join('\n'),
    members: [...team.members],
  };
}

/**
 * The team the form sends (the relay checks it with the shared team schema and names the field it
 * refuses). Text is trimmed; holidays are split on lines and commas, blanks dropped.
 */
export function draftToTeam(draft: TeamDraft): Team {
  return {
    id: draft.id.trim(),
    name: draft.name.trim(),
    timeZone: draft.timeZone.trim(),
    businessHours: { days: draft.days, start: draft.start.trim(), end: draft.end.trim() },
    holidays: draft.holidays
      .split(/[\n,]/)
      .map((d) => d.trim())
      .filter(Boolean),
    members: draft.members,
  };
}
