import type { Incident } from '../../../shared/schemas/incident.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { confidentialPageText } from '../../core/access/need-to-know.js';

/** A ticket status by its meaning; the connection's mapping names it when the call is made. */
export type StatusKey = 'new' | 'acknowledged' | 'resolved';

/** One call to make to ConnectWise for an incident, as the outbox keeps it. */
export type PlannedCall =
  | { kind: 'create'; summary: string; priority: Incident['priority']; description: string }
  | { kind: 'status'; status: StatusKey }
  | { kind: 'note'; text: string; internal: boolean; resolution?: boolean };

/** What the planner reads besides the event: names of people, the service and the link back. */
export interface PlanContext {
  incident: Incident;
  serviceName: string;
  /** The link to the incident in Klaxon. */
  incidentUrl: string;
  /** A person's display name by id (the id when unknown). */
  nameOf: (userId: string | null | undefined) => string;
}

const MAX_NOTE = 4000;

function clip(text: string, max = MAX_NOTE): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function by(event: TimelineEvent, context: PlanContext): string {
  if (event.actor.type === 'user') return ` by ${context.nameOf(event.actor.id)}`;
  if (event.actor.type === 'source') return ' by its monitoring source';
  return '';
}

/**
 * The ticket a new incident opens: its summary, and a description with the service, source,
 * priority and the link back. A confidential incident's ticket names only its service.
 */
export function planTicket(context: PlanContext): PlannedCall {
  const { incident } = context;
  if (incident.confidential) {
    return {
      kind: 'create',
      summary: confidentialPageText(context.serviceName),
      priority: incident.priority,
      description: `A confidential incident on ${context.serviceName}. Its details stay in Klaxon: ${context.incidentUrl}`,
    };
  }
  const lines = [
    incident.summary,
    '',
    `Service: ${context.serviceName}`,
    `Source: ${incident.source}`,
    `Priority: ${incident.priority} (severity ${incident.severity})`,
    `First seen: ${incident.firstSeenAt}`,
    `Klaxon: ${context.incidentUrl}`,
  ];
  return { kind: 'create', summary: clip(incident.summary, 100), priority: incident.priority, description: clip(lines.join('\n')) };
}

/**
 * The calls a timeline event makes on the incident's ticket: acknowledge and resolve set the status
 * with a note; assignment, notes, evidence (hash and custodian) and failover reports add notes
 * (internal analysis, except what the customer may read: acknowledged, resolved); a false-positive
 * verdict closes the ticket with its reason. A confidential incident's notes say only what happened,
 * never its content. A resolve or acknowledge that came from ConnectWise itself (the callback of a
 * ConnectWise-born incident) writes nothing back, so a technician's change is not echoed.
 */
export function planCalls(event: TimelineEvent, context: PlanContext, fromConnectWise: boolean): PlannedCall[] {
  const secret = context.incident.confidential;
  const data = event.data;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const echo = fromConnectWise && event.actor.type === 'source';
  switch (event.type) {
    case 'incident.acknowledged':
      if (echo) return [];
      return [
        { kind: 'status', status: 'acknowledged' },
        { kind: 'note', text: `Acknowledged in Klaxon${secret ? '' : by(event, context)}.`, internal: false },
      ];
    case 'incident.resolved':
      if (echo) return [];
      // A dismissal wrote its own resolution note with the reason: the status alone remains.
      if (context.incident.triageVerdict === 'false_positive') return [{ kind: 'status', status: 'resolved' }];
      return [
        { kind: 'note', text: `Resolved in Klaxon${secret ? '' : by(event, context)}.`, internal: false, resolution: true },
        { kind: 'status', status: 'resolved' },
      ];
    case 'incident.reopened':
      return echo ? [] : [{ kind: 'status', status: 'new' }, { kind: 'note', text: 'Reopened in Klaxon.', internal: true }];
    case 'triage.verdict': {
      if (data.verdict === 'false_positive') {
        const reason = secret ? '' : text(data.reason) ? `: ${clip(text(data.reason), 1000)}` : '';
        return [
          { kind: 'note', text: `Dismissed as a false positive${secret ? '' : by(event, context)}${reason}`, internal: false, resolution: true },
          { kind: 'status', status: 'resolved' },
        ];
      }
      return [{ kind: 'note', text: `Triage verdict: ${text(data.verdict) || 'cleared'}${secret ? '' : by(event, context)}.`, internal: true }];
    }
    case 'assignee.set': {
      const role = text(data.role) || 'assignee';
      const who = data.userId ? context.nameOf(text(data.userId)) : 'nobody';
      return [{ kind: 'note', text: secret ? `The ${role} assignee changed in Klaxon.` : `${role} assignee: ${who}.`, internal: true }];
    }
    case 'note.added':
      return [{ kind: 'note', text: secret ? 'A note was added in Klaxon.' : clip(`Note${by(event, context)}: ${text(data.text)}`), internal: true }];
    case 'evidence.added': {
      if (secret) return [{ kind: 'note', text: 'Forensic evidence was recorded in Klaxon.', internal: true }];
      const lines = [
        `Forensic evidence recorded${by(event, context)} (custodian).`,
        `File: ${text(data.fileName) || '(unnamed)'} (${Number(data.size) || 0} bytes)`,
        `SHA-256: ${text(data.sha256)}`,
        ...(text(data.description) ? [`Description: ${text(data.description)}`] : []),
        ...(text(data.origin) ? [`Origin: ${text(data.origin)}`] : []),
      ];
      return [{ kind: 'note', text: clip(lines.join('\n')), internal: true }];
    }
    case 'failover.sent': {
      const emails = Array.isArray(data.emails) ? data.emails.length : 0;
      const users = Array.isArray(data.users) ? data.users.map((u) => context.nameOf(String(u))) : [];
      const unread = Number(data.unreadPages) || 0;
      const whom = [emails ? `${emails} e-mail address(es)` : '', users.length ? users.join(', ') : ''].filter(Boolean).join(' and ') || 'nobody';
      return [{ kind: 'note', text: `Failover: nobody answered the escalation (${unread} page(s) unread); the failover went to ${whom}.`, internal: true }];
    }
    default:
      return [];
  }
}
