import type { ActionItem } from '../../../shared/schemas/postmortem.js';

/** What action item links may point at: the configured services (with their rule counts and integration types) and schedules. */
export interface LinkTargets {
  services: ReadonlyMap<string, { priorityRules: number; integrationTypes: ReadonlySet<string> }>;
  schedules: ReadonlySet<string>;
}

/**
 * The first action item link that points at nothing, as `{ field, message }` naming its path
 * (`actionItems.<i>.link.ref`), or undefined when all do. Refs: a priority rule is
 * `"<serviceId>#<n>"` (1-based), an integration `"<serviceId>/<integrationType>"`, a runbook a
 * service id, a schedule a schedule id. Pure.
 */
export function linkRefIssue(items: readonly Pick<ActionItem, 'link'>[], targets: LinkTargets): { field: string; message: string } | undefined {
  for (const [i, item] of items.entries()) {
    const link = item.link;
    if (!link) continue;
    const problem = refProblem(link.kind, link.ref, targets);
    if (problem) return { field: `actionItems.${i}.link.ref`, message: `actionItems.${i}.link.ref: ${problem}` };
  }
  return undefined;
}

function refProblem(kind: NonNullable<ActionItem['link']>['kind'], ref: string, targets: LinkTargets): string | undefined {
  switch (kind) {
    case 'priority-rule': {
      const m = /^(.+)#([1-9]\d{0,3})$/.exec(ref);
      if (!m) return `use "<service>#<rule number>", not "${ref}"`;
      const service = targets.services.get(m[1]!);
      if (!service) return `unknown service "${m[1]}"`;
      if (Number(m[2]) > service.priorityRules) return `service "${m[1]}" has ${service.priorityRules} priority rule(s), not ${m[2]}`;
      return undefined;
    }
    case 'integration': {
      const slash = ref.lastIndexOf('/');
      if (slash <= 0) return `use "<service>/<integration type>", not "${ref}"`;
      const serviceId = ref.slice(0, slash);
      const type = ref.slice(slash + 1);
      const service = targets.services.get(serviceId);
      if (!service) return `unknown service "${serviceId}"`;
      if (!service.integrationTypes.has(type)) return `service "${serviceId}" has no ${type} integration`;
      return undefined;
    }
    case 'runbook':
      return targets.services.has(ref) ? undefined : `unknown service "${ref}"`;
    case 'schedule':
      return targets.schedules.has(ref) ? undefined : `unknown schedule "${ref}"`;
  }
}
