import type { AlertInput } from '../../../shared/schemas/alert.js';
import type { Criticality } from '../../../shared/schemas/client.js';
import { compilePattern } from '../../../shared/schemas/pattern.js';
import type { Priority, Severity } from '../../../shared/schemas/priority.js';
import type { PriorityRule } from '../../../shared/schemas/service.js';

/** What a rule may read beyond the alert: the criticalities of the business processes its service serves. */
export interface PriorityContext {
  criticalities: readonly Criticality[];
}

/** Decides an alert's priority with a service's rules, compiled once. */
export type PriorityMatcher = (alert: AlertInput, context?: PriorityContext) => Priority;

type Test = (alert: AlertInput, context?: PriorityContext) => boolean;

const NEVER: Test = () => false;

const DEFAULT_BY_SEVERITY: Record<Severity, Priority> = {
  critical: 'high',
  error: 'high',
  warning: 'medium',
  info: 'low',
};

/** The priority an alert gets when no rule matches: critical/error → high, warning → medium, info → low. */
export function defaultPriority(severity: Severity): Priority {
  return DEFAULT_BY_SEVERITY[severity];
}

// A text condition: the pattern must be found in the text (not anchored; write ^…$ to anchor). A
// pattern that does not compile never matches (config validation refuses it before this point).
function textTest(pattern: string, read: (alert: AlertInput) => string | undefined): Test {
  const regex = compilePattern(pattern);
  if (!regex) return NEVER;
  return (alert) => {
    const text = read(alert);
    return text !== undefined && regex.test(text);
  };
}

// Every condition given in a rule's `when`, as tests that must all pass.
function compileRule(rule: PriorityRule): Test[] {
  const when = rule.when;
  if (!when) return [];
  const tests: Test[] = [];
  if (when.severity) {
    const allowed = new Set<Severity>(when.severity);
    tests.push((alert) => allowed.has(alert.severity));
  }
  if (when.source !== undefined) tests.push(textTest(when.source, (a) => a.source));
  if (when.summary !== undefined) tests.push(textTest(when.summary, (a) => a.summary));
  if (when.subject !== undefined) tests.push(textTest(when.subject, (a) => a.subject));
  if (when.criticality) {
    const wanted = new Set<Criticality>(when.criticality);
    tests.push((_alert, context) => (context?.criticalities ?? []).some((c) => wanted.has(c)));
  }
  for (const [name, pattern] of Object.entries(when.labels ?? {})) {
    // Object.hasOwn: a label named like an Object.prototype member must be a real label.
    tests.push(textTest(pattern, (a) => (Object.hasOwn(a.labels, name) ? a.labels[name] : undefined)));
  }
  return tests;
}

/**
 * Compiles a service's ordered priority rules into a matcher. The first rule whose conditions all
 * hold decides: `severity` lists the severities it takes; `source`, `summary` and `subject` are
 * patterns found in those fields (a leading "(?i)" ignores case); each `labels` entry is a pattern
 * the alert's label of that name must contain (a missing label fails); `criticality` holds when a
 * business process of one of those criticalities depends on the alert's service (`context`; none
 * given, it fails). A rule without `when`
 * matches every alert. When none matches, `defaultPriority` of the alert's severity applies.
 * Patterns compile once here, since the matcher runs on every alert.
 */
export function compilePriorityRules(rules: readonly PriorityRule[]): PriorityMatcher {
  const match = compilePriorityRuleMatch(rules);
  return (alert, context) => match(alert, context).priority;
}

/** An alert's priority with the rule that set it: `rule` is its 1-based position, null when the severity default applied. */
export interface PriorityMatch {
  priority: Priority;
  rule: number | null;
}

/** Decides an alert's priority and tells which rule decided it (see {@link compilePriorityRules}). */
export type PriorityRuleMatcher = (alert: AlertInput, context?: PriorityContext) => PriorityMatch;

/**
 * Compiles a service's ordered priority rules into a matcher that also tells which rule matched,
 * found in the same pass as the priority: `compilePriorityRules` with the rule's 1-based position.
 */
export function compilePriorityRuleMatch(rules: readonly PriorityRule[]): PriorityRuleMatcher {
  const compiled = rules.map((rule) => ({ priority: rule.priority, tests: compileRule(rule) }));
  return (alert, context) => {
    for (let i = 0; i < compiled.length; i++) {
      const rule = compiled[i]!;
      if (rule.tests.every((test) => test(alert, context))) return { priority: rule.priority, rule: i + 1 };
    }
    return { priority: defaultPriority(alert.severity), rule: null };
  };
}

// Matchers by rule list, so repeated calls with the same (unchanged) array compile once.
const matchers = new WeakMap<readonly PriorityRule[], PriorityMatcher>();

/**
 * Decides an alert's priority with ordered rules (see `compilePriorityRules`). The compiled matcher
 * is remembered per rule-list array; callers that edit a list in place should compile it themselves.
 */
export function priorityFor(alert: AlertInput, rules: readonly PriorityRule[], context?: PriorityContext): Priority {
  let matcher = matchers.get(rules);
  if (!matcher) {
    matcher = compilePriorityRules(rules);
    matchers.set(rules, matcher);
  }
  return matcher(alert, context);
}
