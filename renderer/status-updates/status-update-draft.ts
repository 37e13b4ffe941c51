import type { StatusStage, StatusTemplate } from '../../shared/schemas/status-update.js';
import { confidentialContext, renderStatusUpdate, stakeholderTime, type StatusContext } from '../../shared/status-updates/status-templates.js';

/** What a manager is writing in the "Post status update" dialog. */
export interface StatusUpdateDraft {
  stage: StatusStage;
  message: string;
  /** The explicit choice to tell stakeholders about a confidential incident. */
  sendConfidential: boolean;
}

/** The incident as the preview fills it in (names already looked up). */
export interface PreviewIncident {
  summary: string;
  serviceName: string;
  clientName: string;
  firstSeenAt: string;
}

/**
 * The e-mail stakeholders will read, rendered the way the relay renders it (a confidential
 * incident's summary withheld).
 */
export function previewOf(template: Pick<StatusTemplate, 'subject' | 'body'>, incident: PreviewIncident, draft: StatusUpdateDraft, confidential = false): { subject: string; body: string } {
  const context: StatusContext = {
    summary: incident.summary,
    service: incident.serviceName,
    client: incident.clientName || 'no client',
    stage: draft.stage,
    message: draft.message.trim(),
    opened: stakeholderTime(incident.firstSeenAt),
  };
  return renderStatusUpdate(template, confidential ? confidentialContext(context, 'email') : context);
}

/**
 * Why the draft cannot be posted yet, or null when it can: a message is needed, and a confidential
 * incident needs the explicit choice (the relay refuses without it too).
 */
export function draftProblem(draft: StatusUpdateDraft, confidential: boolean): string | null {
  if (!draft.message.trim()) return 'Write what stakeholders should know.';
  if (confidential && !draft.sendConfidential) return 'This incident is confidential: tick the box to send this update to its stakeholders.';
  return null;
}

/** The stage a new update starts at: the one after the last posted, or "resolved" once the incident is. */
export function nextStage(last: StatusStage | undefined, resolved: boolean): StatusStage {
  if (resolved) return 'resolved';
  const order: StatusStage[] = ['investigating', 'identified', 'monitoring', 'resolved'];
  return last ? order[Math.min(order.indexOf(last) + 1, order.length - 1)]! : 'investigating';
}

/**
 * Where an update goes, as the dialog and the notice say it: "2 addresses by e-mail, 1 Teams channel
 * and the incident's Slack thread" (`byEmail` adds "by e-mail" after the addresses).
 */
export function audienceText(audience: { recipients: number; channels: number; slack: boolean }, byEmail: boolean): string {
  const places = [
    `${audience.recipients} ${audience.recipients === 1 ? 'address' : 'addresses'}${byEmail ? ' by e-mail' : ''}`,
    `${audience.channels} Teams ${audience.channels === 1 ? 'channel' : 'channels'}`,
  ];
  if (audience.slack) places.push("the incident's Slack thread");
  return `${places.slice(0, -1).join(', ')} and ${places.at(-1)!}`;
}
