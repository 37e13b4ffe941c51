import type { IntelPriorityRule } from '../../../shared/schemas/intel.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { IndexedIndicator } from './intel-index.js';

const RANK: Record<Priority, number> = { low: 0, medium: 1, high: 2 };

/** Tells whether a rule's conditions hold for a matched indicator. */
function holds(rule: IntelPriorityRule, indicator: IndexedIndicator): boolean {
  return (
    indicator.confidence >= rule.minConfidence &&
    (rule.types.length === 0 || rule.types.includes(indicator.type)) &&
    (rule.tags.length === 0 || rule.tags.some((t) => indicator.tags.includes(t.toLowerCase())))
  );
}

/**
 * The priority the intel rules give an incident whose alert matched `indicators`: the first rule
 * (in config order) whose conditions hold for one of them; undefined when none holds or when that
 * priority is not above `current` (a rule never lowers a priority). `rule` is its 1-based position.
 */
export function intelPriority(
  rules: readonly IntelPriorityRule[],
  indicators: readonly IndexedIndicator[],
  current: Priority,
): { priority: Priority; rule: number } | undefined {
  const n = rules.findIndex((rule) => indicators.some((i) => holds(rule, i)));
  if (n < 0) return undefined;
  const priority = rules[n]!.priority;
  return RANK[priority] > RANK[current] ? { priority, rule: n + 1 } : undefined;
}
