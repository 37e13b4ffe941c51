import type {
  ActionItemLink,
  DeliveryAnswer,
  DigestStep,
  Postmortem,
  PostmortemQuestions,
  PostmortemState,
  PostmortemSummary,
  TriggerAnswer,
} from '../../shared/schemas/postmortem.js';
import type { LinkableSchedule, LinkableService } from './postmortem-api.js';

/** The states in the order the Post-mortems page lists them, with their labels. */
export const POSTMORTEM_STATES: readonly { state: PostmortemState; label: string }[] = [
  { state: 'due', label: 'Due' },
  { state: 'draft', label: 'Draft' },
  { state: 'in_review', label: 'In review' },
  { state: 'signed_off', label: 'Signed off' },
];

/** A state's label ("In review"). */
export function stateLabel(state: PostmortemState): string {
  return POSTMORTEM_STATES.find((s) => s.state === state)?.label ?? state;
}

/** The guide's first question's answers, as radio labels. */
export const TRIGGER_ANSWERS: readonly { value: TriggerAnswer; label: string }[] = [
  { value: 'real', label: 'A real issue' },
  { value: 'could_have_waited', label: 'A real issue that could have waited' },
  { value: 'did_not_exist', label: 'An issue that did not exist' },
];

/** The second question's answers. */
export const DELIVERY_ANSWERS: readonly { value: DeliveryAnswer; label: string }[] = [
  { value: 'right_person', label: 'Yes, to the right person' },
  { value: 'missed', label: 'It was missed' },
  { value: 'could_not_handle', label: 'They could not handle it' },
];

/** Whether a post-mortem not yet signed off is past its due time. */
export function isOverdue(item: { state: PostmortemState; dueAt: string | null }, now: Date): boolean {
  return item.state !== 'signed_off' && item.dueAt !== null && Date.parse(item.dueAt) < now.getTime();
}

/** The list row of a full post-mortem (what a `postmortem:updated` push changes on the page and the board). */
export function summaryOf(postmortem: Postmortem): PostmortemSummary {
  return {
    id: postmortem.id,
    incidentIds: postmortem.incidentIds,
    state: postmortem.state,
    reason: postmortem.reason,
    dueAt: postmortem.dueAt,
    summary: postmortem.digest.summary,
    priority: postmortem.digest.priority,
    openActionItems: postmortem.fields.actionItems.filter((item) => item.state === 'open').length,
    updatedAt: postmortem.updatedAt,
  };
}

/** The questions not answered yet, by name (sign-off needs all three). */
export function unansweredQuestions(questions: PostmortemQuestions): string[] {
  const missing: string[] = [];
  if (questions.trigger === null) missing.push('what triggered it');
  if (questions.delivery.answer === null) missing.push('whether it reached the right person');
  if (questions.information.enough === null) missing.push('whether the information was enough');
  return missing;
}

/** One choice of the action-item link picker. */
export interface LinkOption {
  kind: ActionItemLink['kind'];
  ref: string;
  label: string;
}

/** A priority rule in words: "ERP rule 2: severity critical → high". */
export function ruleText(service: LinkableService, index: number): string {
  const rule = service.priorityRules[index];
  if (!rule) return `${service.name} rule ${index + 1}`;
  const when = Object.entries(rule.when ?? {})
    .map(([key, value]) => `${key} ${Array.isArray(value) ? value.join('/') : typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
  return `${service.name} rule ${index + 1}: ${when || 'every alert'} → ${rule.priority}`;
}

/** The link picker's groups: each service's priority rules, integrations and runbook, and the schedules. */
export function linkOptions(services: readonly LinkableService[], schedules: readonly LinkableSchedule[]): { label: string; items: LinkOption[] }[] {
  const groups = [
    {
      label: 'Priority rules',
      items: services.flatMap((s) => s.priorityRules.map((_, i) => ({ kind: 'priority-rule' as const, ref: `${s.id}#${i + 1}`, label: ruleText(s, i) }))),
    },
    {
      label: 'Integration mappings',
      items: services.flatMap((s) => s.integrations.map((i) => ({ kind: 'integration' as const, ref: `${s.id}/${i.type}`, label: `${s.name} / ${i.type}` }))),
    },
    { label: 'Service runbooks', items: services.map((s) => ({ kind: 'runbook' as const, ref: s.id, label: `${s.name} runbook` })) },
    { label: 'Schedules', items: schedules.map((s) => ({ kind: 'schedule' as const, ref: s.id, label: `${s.name} schedule` })) },
  ];
  return groups.filter((g) => g.items.length > 0);
}

/** A link as the action-item row names it; the raw ref when the thing it points at is gone. */
export function linkLabel(link: ActionItemLink | null, services: readonly LinkableService[], schedules: readonly LinkableSchedule[]): string {
  if (!link) return '';
  const found = linkOptions(services, schedules)
    .flatMap((g) => g.items)
    .find((o) => o.kind === link.kind && o.ref === link.ref);
  return found?.label ?? `${link.kind} ${link.ref}`;
}

/** The digest step kinds in words. */
const STEP_TEXT: Record<DigestStep['kind'], string> = {
  'first-alert': 'First alert',
  'first-page': 'First page',
  'first-read': 'First read',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated',
  failover: 'Failover to the lead',
  resolved: 'Resolved',
  reopened: 'Reopened',
};

/** A digest step's kind in words ("First read"). */
export function stepText(kind: DigestStep['kind']): string {
  return STEP_TEXT[kind];
}
