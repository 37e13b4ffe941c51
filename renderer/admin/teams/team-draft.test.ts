import { describe, expect, it } from 'vitest';
import { TeamInputSchema } from '../../../shared/schemas/admin.js';
import { draftToTeam, newTeamDraft, teamToDraft } from './team-draft.js';

describe('team drafts', () => {
  it('round-trips a listed team through the form', () => {
    const team = { id: 'noc', name: 'NOC', timeZone: 'Europe/London', businessHours: { days: ['mon' as const, 'fri' as const], start: '08:00', end: '18:00' }, holidays: ['2026-12-25', '2026-12-26'], members: ['bob'], configSource: 'file' as const };
    const { configSource: _source, ...plain } = team;
    expect(draftToTeam(teamToDraft(team))).toEqual(plain);
  });

  it('reads holidays one per line or comma-separated, trims text and drops blanks', () => {
    const draft = { ...newTeamDraft(), id: ' soc ', name: ' SOC ', holidays: '2026-01-01, 2026-05-01\n\n 2026-12-25 ' };
    const team = draftToTeam(draft);
    expect(team.id).toBe('soc');
    expect(team.name).toBe('SOC');
    expect(team.holidays).toEqual(['2026-01-01', '2026-05-01', '2026-12-25']);
    expect(TeamInputSchema.safeParse(team).success).toBe(true);
  });

  it('leaves a wrong date for the shared schema to name', () => {
    const team = draftToTeam({ ...newTeamDraft(), id: 'soc', name: 'SOC', holidays: '25/12/2026' });
    const parsed = TeamInputSchema.safeParse(team);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['holidays', 0]);
    expect(parsed.error?.issues[0]?.message).toBe('use YYYY-MM-DD');
  });
});
