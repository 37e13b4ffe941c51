// Priority rules: which incidents page now (high) and which wait for business hours.
export {
  compilePriorityRuleMatch,
  compilePriorityRules,
  defaultPriority,
  priorityFor,
  type PriorityContext,
  type PriorityMatch,
  type PriorityMatcher,
  type PriorityRuleMatcher,
} from './priority-rules.js';
