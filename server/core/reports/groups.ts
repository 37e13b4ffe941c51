import { PrioritySchema } from '../../../shared/schemas/priority.js';
import type { ReportDay, ReportGroup, RuleHint } from '../../../shared/schemas/report.js';
import { couldHaveWaited, emptyByPriority, figuresOf, isFalsePositive } from './figures.js';
import type { ReportIncident } from './report-facts.js';

/** The key of incidents without a client in `byClient`. */
export const NO_CLIENT_KEY = '';

/**
 * Splits incidents by `keyOf` into groups with their figures and names (`nameOf`, the key when it
 * knows none), most incidents first, then by key.
 */
export function groupBy(
  incidents: readonly ReportIncident[],
  keyOf: (incident: ReportIncident) => string,
  nameOf: (key: string) => string | undefined,
): ReportGroup[] {
  const groups = new Map<string, ReportIncident[]>();
  for (const incident of incidents) {
    const key = keyOf(incident);
    const list = groups.get(key);
    if (list) list.push(incident);
    else groups.set(key, [incident]);
  }
  return [...groups.entries()]
    .map(([key, list]) => ({ key, name: nameOf(key) ?? key, figures: figuresOf(list) }))
    .sort((a, b) => b.figures.incidents - a.figures.incidents || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One group per priority, high to low, each present even with no incidents. */
export function groupByPriority(incidents: readonly ReportIncident[]): ReportGroup[] {
  const lists = new Map<string, ReportIncident[]>(PrioritySchema.options.map((priority) => [priority, []]));
  for (const incident of incidents) lists.get(incident.priority)!.push(incident);
  return PrioritySchema.options.map((priority) => ({ key: priority, name: priority, figures: figuresOf(lists.get(priority)!) }));
}

/**
 * The priority rules whose incidents were false positives or could have waited, as hints to demote
 * them: every rule with at least one such incident, the largest share of such incidents first (then
 * the most incidents, then the rule). Incidents set by the severity default (no rule) are not listed.
 */
export function ruleHints(incidents: readonly ReportIncident[]): RuleHint[] {
  const byRule = new Map<string, RuleHint>();
  for (const incident of incidents) {
    if (incident.rule === null) continue;
    let hint = byRule.get(incident.rule);
    if (!hint) byRule.set(incident.rule, (hint = { rule: incident.rule, incidents: 0, falsePositives: 0, couldHaveWaited: 0 }));
    hint.incidents += 1;
    if (isFalsePositive(incident)) hint.falsePositives += 1;
    else if (couldHaveWaited(incident)) hint.couldHaveWaited += 1;
  }
  const share = (h: RuleHint) => (h.falsePositives + h.couldHaveWaited) / h.incidents;
  return [...byRule.values()]
    .filter((h) => h.falsePositives + h.couldHaveWaited > 0)
    .sort((a, b) => share(b) - share(a) || b.incidents - a.incidents || (a.rule < b.rule ? -1 : 1));
}

const DAY_MS = 86_400_000;

/**
 * Incidents per UTC day by priority: one entry for every UTC date the range [fromMs, toMs) touches,
 * in order, days without incidents included.
 */
export function daySeries(incidents: readonly ReportIncident[], fromMs: number, toMs: number): ReportDay[] {
  const days: ReportDay[] = [];
  if (toMs <= fromMs) return days;
  const firstDay = Math.floor(fromMs / DAY_MS);
  const lastDay = Math.floor((toMs - 1) / DAY_MS);
  for (let day = firstDay; day <= lastDay; day++) {
    days.push({ date: new Date(day * DAY_MS).toISOString().slice(0, 10), byPriority: emptyByPriority() });
  }
  // UTC days are whole multiples of 86,400,000 ms since the epoch (no leap seconds in epoch time).
  for (const incident of incidents) {
    const entry = days[Math.floor(incident.firstSeenMs / DAY_MS) - firstDay];
    if (entry) entry.byPriority[incident.priority] += 1;
  }
  return days;
}
