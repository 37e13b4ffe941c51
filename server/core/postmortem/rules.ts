import type { PostmortemRule } from '../../../shared/config/postmortem-config.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';

/** What a rule looks at: the resolved incident and whether its timeline holds a failover and an escalation. */
export interface RuleFacts {
  incident: Pick<Incident, 'teamId' | 'serviceId' | 'priority' | 'confidential'>;
  failover: boolean;
  escalated: boolean;
}

/** The facts of an incident from its record and its timeline. */
export function ruleFacts(incident: RuleFacts['incident'], timeline: readonly Pick<TimelineEvent, 'type'>[]): RuleFacts {
  return {
    incident,
    failover: timeline.some((e) => e.type === 'failover.sent'),
    escalated: timeline.some((e) => e.type === 'escalation.level'),
  };
}

/** Tells whether a rule matches: every condition it gives holds (a rule with none matches every incident). */
export function ruleMatches(rule: PostmortemRule, facts: RuleFacts): boolean {
  const { incident } = facts;
  if (rule.teams && !rule.teams.includes(incident.teamId)) return false;
  if (rule.services && !rule.services.includes(incident.serviceId)) return false;
  const when = rule.when;
  if (when.priority && !when.priority.includes(incident.priority)) return false;
  if (when.failover !== undefined && when.failover !== facts.failover) return false;
  if (when.confidential !== undefined && when.confidential !== incident.confidential) return false;
  if (when.escalated !== undefined && when.escalated !== facts.escalated) return false;
  return true;
}

/** What a matching rule asks for: a post-mortem with the rule's name as its reason, due at `dueAt`. */
export interface PostmortemDemand {
  reason: string;
  dueAt: Date;
}

/** The first rule (in config order) that asks for a post-mortem of an incident resolved at `resolvedAt`, if any. */
export function postmortemDemand(rules: readonly PostmortemRule[], facts: RuleFacts, resolvedAt: Date): PostmortemDemand | undefined {
  const rule = rules.find((r) => ruleMatches(r, facts));
  return rule && { reason: rule.name, dueAt: new Date(resolvedAt.getTime() + rule.dueWithin * 1000) };
}
