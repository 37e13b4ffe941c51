import type { AdminTeamRow } from '../../../shared/schemas/admin.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Team } from '../../../shared/schemas/team.js';
import { configSources, markConsoleEdit } from '../config/config-managed.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Clock } from '../ports/clock.js';
import type { Store, StoreSession } from '../ports/store.js';

/**
 * Checks that every member a team names exists, naming the first field that does not. Business hours
 * whose end is not after their start are an overnight window, as in the config file (see core/business-hours).
 */
async function checkMembers(tx: StoreSession, team: Team): Promise<CommandResult<undefined> | undefined> {
  const users = new Set((await tx.listUsers()).map((u) => u.id));
  for (const [i, member] of team.members.entries()) {
    if (!users.has(member)) return { ok: false, error: { code: 'invalid', field: `members.${i}`, message: `members.${i}: no person "${member}"` } };
  }
  return undefined;
}

/**
 * The admin screen's team use-cases: list teams with where their entry comes from, create a team,
 * and change one (time zone, business hours, holidays, members). Changes are audited; a change to a
 * team the config file declares is marked as a console edit.
 */
export function createAdminTeams(deps: { store: Store; clock: Clock; audit?: AuditTrail }) {
  const audit = deps.audit ?? noAuditTrail;
  const { store, clock } = deps;
  const save = (actor: { id: string }, team: Team, mode: 'create' | 'update') =>
    store.transaction(async (tx): Promise<CommandResult<AdminTeamRow>> => {
      const existing = await tx.getTeam(team.id);
      if (mode === 'create' && existing) return { ok: false, error: { code: 'conflict', field: 'id', message: `id: a team "${team.id}" already exists` } };
      if (mode === 'update' && !existing) return { ok: false, error: { code: 'not_found', field: 'id', message: 'no such team' } };
      const problem = await checkMembers(tx, team);
      if (problem) return problem as CommandResult<AdminTeamRow>;
      await tx.upsertTeam(team);
      if (mode === 'update') await markConsoleEdit(tx, 'team', team.id, actor.id, clock.now());
      await audit.record({ action: 'team.changed', actorId: actor.id, subject: { kind: 'team', id: team.id }, details: { mode } }, tx);
      const source = (await configSources(tx, 'team', [team.id])).get(team.id) ?? 'console';
      return { ok: true, value: { ...team, configSource: source } };
    });
  return {
    /** Every team by name, with its config source. */
    async list(): Promise<AdminTeamRow[]> {
      const teams = await store.listTeams();
      const sources = await configSources(store, 'team', teams.map((t) => t.id));
      return teams.sort((a, b) => a.name.localeCompare(b.name)).map((t) => ({ ...t, configSource: sources.get(t.id) ?? 'console' }));
    },
    /** Creates a team; refuses an id in use (409) or an unknown member (400 naming it). */
    create: (actor: { id: string }, team: Team) => save(actor, team, 'create'),
    /** Replaces a team's fields. */
    update: (actor: { id: string }, team: Team) => save(actor, team, 'update'),
  };
}

/** The admin screen's team use-cases, as `createAdminTeams` builds them. */
export type AdminTeams = ReturnType<typeof createAdminTeams>;
