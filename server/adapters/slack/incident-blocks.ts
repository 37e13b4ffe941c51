import type { Incident } from '../../../shared/schemas/incident.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { SlackMessage } from '../../app/ports/slack-api.js';
import { slackEscape } from '../../core/slack/slack-escape.js';

/** The `action_id`s of Klaxon's buttons; a press comes back with one of them and the incident (or page) id as value. */
export const SLACK_ACTIONS = {
  acknowledge: 'klaxon.acknowledge',
  resolve: 'klaxon.resolve',
  escalate: 'klaxon.escalate',
  open: 'klaxon.open',
  read: 'klaxon.read',
} as const;

/** What the channel message of one incident shows. */
export interface IncidentView {
  incident: Incident;
  serviceName: string;
  /** The client (an MSP's customer) the incident is about, if any. */
  clientName: string | null;
  /** "Open in Klaxon": the incident in the console. */
  url: string;
}

/** What a confidential incident's message says in place of its summary, client and details. */
export const CONFIDENTIAL_SLACK_TEXT = 'Confidential incident: details are need-to-know. Open it in Klaxon if you are on its list.';

const PRIORITY_LABEL: Record<Priority, string> = { high: ':rotating_light: HIGH', medium: ':warning: MEDIUM', low: ':information_source: LOW' };
const STATUS_LABEL: Record<Incident['status'], string> = { triggered: 'Triggered', acknowledged: 'Acknowledged', resolved: 'Resolved' };


function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Record<string, unknown> {
  return { type: 'button', text: { type: 'plain_text', text }, action_id: actionId, value, ...(style ? { style } : {}) };
}

function openButton(url: string): Record<string, unknown> {
  return { type: 'button', text: { type: 'plain_text', text: 'Open in Klaxon' }, action_id: SLACK_ACTIONS.open, url };
}

/** The buttons an incident in `status` offers: what can still be done to it, and always "Open in Klaxon". */
function actionsFor(incident: Incident, url: string): Record<string, unknown>[] {
  const open = openButton(url);
  if (incident.status === 'resolved') return [open];
  const resolve = button('Resolve', SLACK_ACTIONS.resolve, incident.id, 'primary');
  const escalate = button('Escalate', SLACK_ACTIONS.escalate, incident.id, 'danger');
  if (incident.status === 'acknowledged') return [resolve, escalate, open];
  return [button('Acknowledge', SLACK_ACTIONS.acknowledge, incident.id, 'primary'), resolve, escalate, open];
}

/**
 * The channel message of an incident: priority, status, client, service and summary, with the
 * Acknowledge / Resolve / Escalate / Open in Klaxon buttons that still apply. A confidential
 * incident's message carries only its priority, status and the redacted text — no summary, client,
 * service or details — and the same buttons (pressing them still requires a person on its list).
 */
export function incidentMessage(view: IncidentView): SlackMessage {
  const { incident } = view;
  const priority = PRIORITY_LABEL[incident.priority];
  const status = STATUS_LABEL[incident.status];
  const actions = { type: 'actions', block_id: `klaxon-incident-${incident.id}`, elements: actionsFor(incident, view.url) };
  if (incident.confidential) {
    return {
      text: `[${incident.priority.toUpperCase()}] ${CONFIDENTIAL_SLACK_TEXT}`,
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: `:lock: *${CONFIDENTIAL_SLACK_TEXT}*` } },
        { type: 'context', elements: [{ type: 'mrkdwn', text: `${priority} · ${status}` }] },
        actions,
      ],
    };
  }
  const summary = slackEscape(incident.summary);
  const fields = [
    { type: 'mrkdwn', text: `*Priority*\n${priority}` },
    { type: 'mrkdwn', text: `*Status*\n${status}` },
    { type: 'mrkdwn', text: `*Client*\n${view.clientName ? slackEscape(view.clientName, 200) : '—'}` },
    { type: 'mrkdwn', text: `*Service*\n${slackEscape(view.serviceName, 200)}` },
  ];
  const text = `[${incident.priority.toUpperCase()}] ${view.clientName ? `${view.clientName}: ` : ''}${incident.summary}`.slice(0, 3_000);
  return {
    text: slackEscape(text, 3_000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `*${summary}*` } },
      { type: 'section', fields },
      actions,
    ],
  };
}

/** What a direct-message page shows (the page as every channel renders it; already redacted when confidential). */
export interface PageView {
  pageId: string;
  priority: Priority;
  summary: string;
  serviceName: string;
  attempt: number;
  openUrl: string;
}

/** A page as a direct message: priority, summary and service, a Read button (value: the page id) and Open. */
export function pageMessage(view: PageView): SlackMessage {
  const again = view.attempt > 1 ? ` (reminder ${view.attempt})` : '';
  const line = `[${view.priority.toUpperCase()}] ${view.summary}${again}`;
  return {
    text: slackEscape(`${line} — ${view.serviceName}`, 3_000),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${PRIORITY_LABEL[view.priority]} *${slackEscape(view.summary)}*${again}` } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${slackEscape(view.serviceName, 200)} · Klaxon page` }] },
      {
        type: 'actions',
        block_id: `klaxon-page-${view.pageId}`,
        elements: [button('Read', SLACK_ACTIONS.read, view.pageId, 'primary'), { ...openButton(view.openUrl), action_id: `${SLACK_ACTIONS.open}.page` }],
      },
    ],
  };
}
