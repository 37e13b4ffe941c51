// Priority rules: which incidents page now (high) and which wait for business hours.
export { compilePriorityRules, defaultPriority, priorityFor, type PriorityContext, type PriorityMatcher } from './priority-rules.js';
