import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { Service } from '../../../shared/schemas/service.js';
import type { Team } from '../../../shared/schemas/team.js';
import { releaseAt } from '../../core/business-hours/index.js';
import { compilePriorityRules } from '../../core/priority/index.js';

/** Priority and business-hours decisions for ingest, with each service's rules compiled once. */
export interface PriorityRules {
  priorityFor(service: Omit<Service, 'integrations'>, alert: AlertInput): Priority;
  /** When a new incident of this priority is released to escalation; null = page now. */
  releaseAt(priority: Priority, team: Team, service: Omit<Service, 'integrations'>, now: Date): Date | null;
}

/**
 * Creates the rule cache. A service's compiled rules are kept until its rules change (compared by
 * their JSON), so a config re-apply takes effect on the next alert.
 */
export function createPriorityRules(): PriorityRules {
  const cache = new Map<string, { key: string; match: ReturnType<typeof compilePriorityRules> }>();
  return {
    priorityFor(service, alert) {
      const key = JSON.stringify(service.priorityRules);
      let entry = cache.get(service.id);
      if (!entry || entry.key !== key) {
        entry = { key, match: compilePriorityRules(service.priorityRules) };
        cache.set(service.id, entry);
      }
      return entry.match(alert);
    },
    releaseAt: (priority, team, service, now) => releaseAt(priority, team, service, now),
  };
}
