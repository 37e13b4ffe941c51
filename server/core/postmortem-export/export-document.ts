import type { DigestPage, DigestStep, Postmortem, PostmortemQuestions, PostmortemState } from '../../../shared/schemas/postmortem.js';
import { durationText, instantText, isoUtc, offsetText } from './format.js';

/** Display names the export shows in place of ids (an id missing here is shown as it is). */
export interface ExportNames {
  users: Readonly<Record<string, string>>;
  services: Readonly<Record<string, string>>;
  teams: Readonly<Record<string, string>>;
  clients: Readonly<Record<string, string>>;
}

/** No names at all: every id is shown as it is. */
export const NO_NAMES: ExportNames = { users: {}, services: {}, teams: {}, clients: {} };

/**
 * One block of an export, before it is written as Markdown, PDF or a ticket note. Labels, headings
 * and column names are Klaxon's own words; every `value`, `text`, item and cell may hold what people
 * typed, and each renderer escapes them for its format.
 */
export type ExportBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'facts'; items: { label: string; value: string }[] }
  /** Free text people wrote (several lines and paragraphs); `empty` stands in when there is none. */
  | { kind: 'text'; text: string; empty: string }
  | { kind: 'table'; columns: string[]; rows: string[][]; empty: string };

/** A post-mortem as a renderer-neutral document: its title and its blocks in reading order. */
export interface ExportDocument {
  title: string;
  blocks: ExportBlock[];
}

const STATE: Record<PostmortemState, string> = { due: 'Due (not started)', draft: 'Draft', in_review: 'In review', signed_off: 'Signed off' };

const STEP: Record<DigestStep['kind'], string> = {
  'first-alert': 'First alert',
  'first-page': 'First page sent',
  'first-read': 'First page read',
  acknowledged: 'Acknowledged',
  escalated: 'Escalated',
  failover: 'Failover to the lead',
  resolved: 'Resolved',
  reopened: 'Reopened',
};

const TRIGGER: Record<NonNullable<PostmortemQuestions['trigger']>, string> = {
  real: 'A real issue that needed attention at once.',
  could_have_waited: 'A real issue, but one that could have waited until the following day.',
  did_not_exist: 'An issue that did not exist in the first place.',
};

/** The field guide's three questions, as the export asks them. */
export const QUESTIONS = {
  trigger: 'Was the event triggered by a real issue, by one that could have waited, or by one that did not exist?',
  delivery: 'Was the alert delivered to the appropriate person? If not, was it missed, or could they not handle the issue?',
  information: 'Was enough information provided to the person on call to handle the issue quickly?',
} as const;

const NOT_ANSWERED = 'Not answered yet.';
const ACTION_STATE = { open: 'Open', done: 'Done', wont_do: "Won't do" } as const;
const LINK_KIND = { 'priority-rule': 'Priority rule', integration: 'Integration', runbook: 'Runbook of service', schedule: 'Schedule' } as const;

const named = (map: Readonly<Record<string, string>>, id: string | null | undefined): string => (id ? (map[id] ?? id) : '—');

function pageOutcome(page: DigestPage): string {
  if (page.state === 'failed') return page.error ? `failed: ${page.error}` : 'failed';
  return page.state;
}

function answers(questions: PostmortemQuestions, names: ExportNames): ExportBlock[] {
  const who = questions.delivery.who.map((id) => named(names.users, id)).join(', ');
  const delivery = (() => {
    switch (questions.delivery.answer) {
      case 'right_person':
        return 'Yes, to the right person.';
      case 'missed':
        return `No: the alert was missed${who ? ` by ${who}` : ''}.`;
      case 'could_not_handle':
        return `No: ${who || 'the person who received it'} could not handle the issue.`;
      default:
        return NOT_ANSWERED;
    }
  })();
  const enough = questions.information.enough;
  const information = enough === null ? NOT_ANSWERED : enough ? 'Yes.' : 'No: the alerting information should be updated.';
  const blocks: ExportBlock[] = [
    { kind: 'heading', level: 3, text: `1. ${QUESTIONS.trigger}` },
    { kind: 'text', text: questions.trigger ? TRIGGER[questions.trigger] : NOT_ANSWERED, empty: NOT_ANSWERED },
    { kind: 'heading', level: 3, text: `2. ${QUESTIONS.delivery}` },
    { kind: 'text', text: delivery, empty: NOT_ANSWERED },
  ];
  if (questions.delivery.note) blocks.push({ kind: 'facts', items: [{ label: 'Note', value: questions.delivery.note }] });
  blocks.push({ kind: 'heading', level: 3, text: `3. ${QUESTIONS.information}` }, { kind: 'text', text: information, empty: NOT_ANSWERED });
  if (enough === false && questions.information.missing) {
    blocks.push({ kind: 'facts', items: [{ label: 'What was missing', value: questions.information.missing }] });
  }
  return blocks;
}

/**
 * Lays a post-mortem out as the exports show it: the title and sign-off, the digest (timeline steps
 * in UTC with their offset from the first alert, the times to read, acknowledge and resolve, and
 * every page), the three questions answered in words, the written fields, the action items and the
 * comments. Pure: the same post-mortem and names give the same document.
 */
export function postmortemDocument(pm: Postmortem, names: ExportNames): ExportDocument {
  const d = pm.digest;
  const fields = pm.fields;
  const title = `Post-mortem: ${d.summary}`;
  const signOff = pm.signedOffAt ? `${named(names.users, pm.signedOffBy)} at ${instantText(pm.signedOffAt)}` : 'Not signed off yet';
  const blocks: ExportBlock[] = [
    { kind: 'heading', level: 1, text: title },
    {
      kind: 'facts',
      items: [
        { label: 'State', value: STATE[pm.state] },
        { label: 'Signed off', value: signOff },
        ...(pm.reviewRequestedBy ? [{ label: 'Review requested by', value: named(names.users, pm.reviewRequestedBy) }] : []),
        { label: 'Incidents', value: pm.incidentIds.join(', ') },
        { label: 'Priority', value: d.priority },
        { label: 'Service', value: named(names.services, d.serviceId) },
        { label: 'Team', value: named(names.teams, d.teamId) },
        ...(d.clientId ? [{ label: 'Client', value: named(names.clients, d.clientId) }] : []),
        { label: 'Why a post-mortem', value: pm.reason },
        { label: 'Due', value: instantText(pm.dueAt) },
        { label: 'Post-mortem id', value: pm.id },
        { label: 'Last updated', value: instantText(pm.updatedAt) },
      ],
    },
    { kind: 'heading', level: 2, text: 'Timeline' },
    {
      kind: 'table',
      columns: ['Time (UTC)', 'After first alert', 'Step', 'Who', 'Detail'],
      rows: d.steps.map((s) => [isoUtc(s.at), offsetText(d.firstAlertAt, s.at), STEP[s.kind], s.who ? named(names.users, s.who) : '—', s.detail || '—']),
      empty: 'No timeline steps were recorded.',
    },
    { kind: 'heading', level: 2, text: 'Response times' },
    {
      kind: 'facts',
      items: [
        { label: 'First alert', value: instantText(d.firstAlertAt) },
        { label: 'First page', value: instantText(d.firstPageAt) },
        { label: 'Time to read', value: durationText(d.timeToReadMs) },
        { label: 'Time to acknowledge', value: durationText(d.timeToAcknowledgeMs) },
        { label: 'Time to resolve', value: durationText(d.timeToResolveMs) },
        { label: 'Escalations', value: String(d.escalations) },
        { label: 'Failed pages', value: String(d.failedPages) },
        { label: 'Alerts folded in', value: String(d.foldedAlerts) },
        { label: 'Triage verdict', value: d.triageVerdict === null ? '—' : d.triageVerdict === 'false_positive' ? 'false positive' : 'confirmed' },
        { label: 'Priority set by rule', value: d.priorityRule ?? '—' },
        {
          label: 'Failover',
          value: d.failover
            ? `${named(names.users, d.failover.leadId)} paged at ${isoUtc(d.failover.at)}; ${d.failover.readAt ? `read at ${isoUtc(d.failover.readAt)}` : 'never read'}`
            : 'none',
        },
      ],
    },
    { kind: 'heading', level: 2, text: 'Pages' },
    {
      kind: 'table',
      columns: ['Who', 'Channel', 'Level', 'Sent (UTC)', 'Read (UTC)', 'Outcome'],
      rows: d.pages.map((p) => [
        named(names.users, p.userId),
        p.channel,
        p.failover ? `${p.level} (failover)` : String(p.level),
        p.sentAt ? isoUtc(p.sentAt) : '—',
        p.readAt ? isoUtc(p.readAt) : '—',
        pageOutcome(p),
      ]),
      empty: 'No pages were sent.',
    },
    { kind: 'heading', level: 2, text: 'The three questions' },
    ...answers(fields.questions, names),
    { kind: 'heading', level: 2, text: 'Summary' },
    { kind: 'text', text: fields.summary, empty: 'No summary written.' },
    { kind: 'heading', level: 2, text: 'Impact' },
    { kind: 'text', text: fields.impact, empty: 'No impact written.' },
    { kind: 'heading', level: 2, text: 'Root cause' },
    { kind: 'text', text: fields.rootCause, empty: 'No root cause written.' },
    { kind: 'heading', level: 2, text: 'Contributing factors' },
    { kind: 'text', text: fields.contributingFactors, empty: 'No contributing factors written.' },
    { kind: 'heading', level: 2, text: 'Action items' },
    {
      kind: 'table',
      columns: ['Action', 'Owner', 'Due', 'State', 'Fixes'],
      rows: fields.actionItems.map((a) => [
        a.title,
        a.owner ? named(names.users, a.owner) : '—',
        a.dueDate ?? '—',
        ACTION_STATE[a.state],
        a.link ? `${LINK_KIND[a.link.kind]}: ${a.link.ref}` : '—',
      ]),
      empty: 'No action items.',
    },
    { kind: 'heading', level: 2, text: 'Comments' },
  ];
  if (pm.comments.length === 0) blocks.push({ kind: 'text', text: '', empty: 'No comments.' });
  for (const c of pm.comments) {
    blocks.push({ kind: 'heading', level: 3, text: `${named(names.users, c.authorId)}, ${isoUtc(c.at)}` });
    blocks.push({ kind: 'text', text: c.body, empty: '' });
  }
  return { title, blocks };
}
