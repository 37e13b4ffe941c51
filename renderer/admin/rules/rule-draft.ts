import type { Priority, Severity } from '../../../shared/schemas/priority.js';
import type { PriorityRule, RuleMatch } from '../../../shared/schemas/service.js';

/**
 * One priority rule as the form edits it: severities and the summary and source patterns; any other
 * condition the rule has (labels, subject, criticality, usually from the config file) is kept as is.
 */
export interface RuleDraft {
  severity: Severity[];
  summary: string;
  source: string;
  priority: Priority;
  kept: Omit<RuleMatch, 'severity' | 'summary' | 'source'>;
}

/** The form's copy of a rule. */
export function ruleToDraft(rule: PriorityRule): RuleDraft {
  const { severity, summary, source, ...kept } = rule.when ?? {};
  return { severity: [...(severity ?? [])], summary: summary ?? '', source: source ?? '', priority: rule.priority, kept };
}

/** A new rule: every alert is high until conditions are added. */
export function newRuleDraft(): RuleDraft {
  return { severity: [], summary: '', source: '', priority: 'high', kept: {} };
}

/** The rule the form sends; empty conditions are left out (a rule without conditions matches everything). */
export function draftToRule(draft: RuleDraft): PriorityRule {
  const when: RuleMatch = { ...draft.kept };
  if (draft.severity.length) when.severity = draft.severity;
  if (draft.summary.trim()) when.summary = draft.summary.trim();
  if (draft.source.trim()) when.source = draft.source.trim();
  return Object.keys(when).length ? { when, priority: draft.priority } : { priority: draft.priority };
}

/** Which rule (0-based) and which condition the relay refused, from a field such as `rules.1.when.summary`. */
export function refusedRule(field: string | null | undefined): { index: number; condition: string | null } | null {
  const match = /^rules\.(\d+)(?:\.when\.(\w+)|\.(priority))?/.exec(field ?? '');
  if (!match) return null;
  return { index: Number(match[1]), condition: match[2] ?? match[3] ?? null };
}

/** Describes a rule in plain words, e.g. "critical or error alerts whose summary matches /disk/". */
export function describeRule(rule: PriorityRule): string {
  const when = rule.when;
  if (!when || Object.keys(when).length === 0) return 'every alert';
  const parts: string[] = [];
  if (when.summary) parts.push(`summary matches /${when.summary}/`);
  if (when.source) parts.push(`source matches /${when.source}/`);
  if (when.subject) parts.push(`subject matches /${when.subject}/`);
  if (when.labels) parts.push(`labels ${Object.keys(when.labels).join(', ')} match`);
  if (when.criticality) parts.push(`a ${when.criticality.join(' or ')} business process depends on it`);
  const noun = when.severity ? `${when.severity.join(' or ')} alerts` : 'alerts';
  return parts.length ? `${noun} whose ${parts.join(' and ')}` : noun;
}
