import type { CommandResult } from '../../../shared/schemas/command.js';
import { noAuditTrail, type AuditTrail } from '../ports/audit.js';
import type { Policy } from '../../../shared/schemas/policy.js';
import type { PolicyPreview } from '../../../shared/schemas/policy-preview.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import { previewPolicy } from '../../core/policy-preview/index.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store.js';
import type { ConfigSource } from '../../../shared/schemas/config-source.js';
import { markConsoleEdit } from '../config/config-managed.js';
import { policySources } from './config-managed.js';
import { checkPolicyReferences } from './policy-references.js';

/** A policy as the editor sees it: the policy, and whether the config file manages it. */
export interface PolicyView extends Policy {
  /** True when `KLAXON_CONFIG` declares it (see `configSource`). */
  managedByConfig: boolean;
  /** Where this version comes from under the config-versus-console rule (docs/configuration.md). */
  configSource: ConfigSource;
}

/** The people, schedules and teams a policy can name, for the editor's pickers. */
export interface PolicyDirectory {
  users: { id: string; name: string; role: string }[];
  schedules: { id: string; name: string; team: string }[];
  teams: { id: string; name: string; timeZone: string }[];
}

/** Reading, saving and previewing escalation policies. */
export interface PolicyService {
  list(): Promise<PolicyView[]>;
  get(id: string): Promise<PolicyView | undefined>;
  directory(): Promise<PolicyDirectory>;
  /**
   * Saves a policy (already parsed with `PolicySchema`) after checking what it names exists;
   * `create` refuses an id in use, otherwise the id must exist. Running escalations keep the
   * snapshot they started with.
   */
  /** Creates or replaces a policy; `by` (who, from where) goes on the audit trail with it. */
  save(policy: Policy, mode: 'create' | 'update', by?: { actorId: string; address?: string | null }): Promise<CommandResult<PolicyView>>;
  /** Previews a policy at `at` (default now) with times in `timeZone` (default the team's, else UTC). */
  preview(policy: Policy, options: { at?: Date; timeZone?: string }): Promise<PolicyPreview>;
}

/** Creates the policy use-cases over the store; `clock` gives "now" for previews. */
export function createPolicyService(deps: { store: Store; clock: Clock; audit?: AuditTrail }): PolicyService {
  const { store, clock } = deps;
  const view = (policy: Policy, sources: Map<string, ConfigSource>): PolicyView => {
    const configSource = sources.get(policy.id) ?? 'console';
    return { ...policy, managedByConfig: configSource !== 'console', configSource };
  };

  return {
    async list() {
      const policies = await store.listPolicies();
      const sources = await policySources(store, policies.map((p) => p.id));
      return policies.sort((a, b) => a.name.localeCompare(b.name)).map((p) => view(p, sources));
    },
    async get(id) {
      const policy = await store.getPolicy(id);
      return policy && view(policy, await policySources(store, [policy.id]));
    },
    async directory() {
      const [users, schedules, teams] = await Promise.all([store.listUsers(), store.listSchedules(), store.listTeams()]);
      return {
        users: users.map((u) => ({ id: u.id, name: u.name, role: u.role })).sort((a, b) => a.name.localeCompare(b.name)),
        schedules: schedules.map((s) => ({ id: s.id, name: s.name, team: s.team })),
        teams: teams.map((t) => ({ id: t.id, name: t.name, timeZone: t.timeZone })),
      };
    },
    async save(policy, mode, by) {
      return store.transaction(async (tx) => {
        const [users, schedules, teams, existing] = await Promise.all([
          tx.listUsers(),
          tx.listSchedules(),
          tx.listTeams(),
          tx.getPolicy(policy.id),
        ]);
        if (mode === 'create' && existing) {
          return { ok: false, error: { code: 'conflict', field: 'id', message: `id: a policy "${policy.id}" already exists` } };
        }
        if (mode === 'update' && !existing) return { ok: false, error: { code: 'not_found', message: 'no such policy' } };
        const problem = checkPolicyReferences(policy, {
          users: new Set(users.map((u) => u.id)),
          schedules: new Set(schedules.map((s) => s.id)),
          teams: new Set(teams.map((t) => t.id)),
        });
        if (problem) return { ok: false, error: problem };
        await tx.upsertPolicy(policy);
        await markConsoleEdit(tx, 'policy', policy.id, by?.actorId ?? null, clock.now());
        await (deps.audit ?? noAuditTrail).record(
          { action: 'policy.changed', actorId: by?.actorId ?? null, address: by?.address, subject: { kind: 'policy', id: policy.id }, details: { mode, name: policy.name } },
          tx,
        );
        return { ok: true, value: view(policy, await policySources(tx, [policy.id])) };
      });
    },
    async preview(policy, options) {
      const scheduleIds = new Set(policy.levels.flatMap((l) => l.targets.flatMap((t) => ('schedule' in t ? [t.schedule] : []))));
      const schedules = new Map<string, Schedule>();
      for (const id of scheduleIds) {
        const schedule = await store.getSchedule(id);
        if (schedule) schedules.set(id, schedule);
      }
      const users = await store.listUsers();
      const team = policy.team ? await store.getTeam(policy.team) : undefined;
      const timeZone = options.timeZone ?? team?.timeZone ?? 'UTC';
      return previewPolicy(policy, options.at ?? clock.now(), timeZone, {
        schedules,
        userNames: new Map(users.map((u) => [u.id, u.name])),
      });
    },
  };
}
