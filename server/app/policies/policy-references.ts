import type { CommandError } from '../../../shared/schemas/command.js';
import type { Policy } from '../../../shared/schemas/policy.js';

/** The ids a policy may refer to. */
export interface KnownIds {
  users: ReadonlySet<string>;
  schedules: ReadonlySet<string>;
  teams: ReadonlySet<string>;
}

/**
 * Checks that everything a policy names exists — its team, every user and schedule target, every
 * failover user — the same cross-references the config file is checked for, and returns the first
 * problem with the field's dotted path, or undefined when there is none.
 */
export function checkPolicyReferences(policy: Policy, known: KnownIds): CommandError | undefined {
  const invalid = (field: string, message: string): CommandError => ({ code: 'invalid', field, message: `${field}: ${message}` });
  if (policy.team !== undefined && !known.teams.has(policy.team)) return invalid('team', `unknown team "${policy.team}"`);
  for (const [i, level] of policy.levels.entries()) {
    for (const [j, target] of level.targets.entries()) {
      const path = `levels.${i}.targets.${j}`;
      if ('user' in target && !known.users.has(target.user)) return invalid(`${path}.user`, `unknown user "${target.user}"`);
      if ('schedule' in target && !known.schedules.has(target.schedule)) {
        return invalid(`${path}.schedule`, `unknown schedule "${target.schedule}"`);
      }
    }
  }
  for (const [i, user] of policy.failover.users.entries()) {
    if (!known.users.has(user)) return invalid(`failover.users.${i}`, `unknown user "${user}"`);
  }
  return undefined;
}
