import type { Policy } from '../../../shared/schemas/policy.js';
import type { Schedule } from '../../../shared/schemas/schedule.js';
import type { EscalationContext } from '../../core/escalation/index.js';
import { onCallAt } from '../../core/schedule/index.js';
import type { StoreSession } from '../ports/store.js';

/**
 * Loads the schedules a policy's levels name and returns the engine's synchronous target resolver:
 * a user target is that user; a schedule target is whoever is on call then (nobody for a schedule
 * that no longer exists, which the engine reports as "nobody on call").
 */
export async function loadTargetResolver(tx: StoreSession, policy: Policy): Promise<EscalationContext> {
  const ids = new Set(policy.levels.flatMap((level) => level.targets.flatMap((t) => ('schedule' in t ? [t.schedule] : []))));
  const schedules = new Map<string, Schedule>();
  for (const id of ids) {
    const schedule = await tx.getSchedule(id);
    if (schedule) schedules.set(id, schedule);
  }
  return {
    resolveTargets(target, at) {
      if ('user' in target) return [target.user];
      const schedule = schedules.get(target.schedule);
      return schedule ? onCallAt(schedule, at).users : [];
    },
  };
}
