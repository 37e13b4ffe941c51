import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { formatInstant } from '../../time/format-instant.js';

/** Why the escalation moved on, when it was not a level's timeout. */
const ESCALATED_WHY: Record<string, string> = {
  'escalate-now': ' on request',
  'pages-failed': ': nobody on the level could be reached',
  'nobody-on-call': ': nobody on call',
};

/** Why a snooze ended, in words. */
const SNOOZE_ENDED: Record<string, string> = {
  expired: 'Snooze ended: triggered again',
  unsnoozed: 'Snooze ended early',
  acknowledged: 'Snooze ended: acknowledged again',
  resolved: 'Snooze ended: resolved',
};

/** The instants in an event's text, in UTC when the caller gives no clock of the viewer's. */
const inUtc = (at: string): string => formatInstant(at, { zone: 'UTC', style: 'day-time' });

/** Levels are stored as indices into the policy; people count them from 1. */
const level = (value: unknown): string => (typeof value === 'number' ? String(value + 1) : '?');
const plural = (value: unknown, one: string, many: string): string => (typeof value === 'number' ? `${value} ${value === 1 ? one : many}` : `? ${many}`);
const str = (value: unknown): string => (typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value));

/**
 * Describes a timeline event in one line for the incident detail; `nameOf` turns user ids into
 * names and `when` writes an instant on the viewer's clock. The actor is shown beside it, so the
 * text says what happened, not who did it.
 */
export function describeEvent(event: TimelineEvent, nameOf: (id: string) => string, when: (at: string) => string = inUtc): string {
  const stamp = (value: unknown): string => (typeof value === 'string' ? when(value) : '?');
  const d = event.data;
  const person = (key: string) => (d[key] ? nameOf(str(d[key])) : 'nobody');
  switch (event.type) {
    case 'incident.opened':
      return 'Incident opened';
    case 'alert.folded':
      return `Another alert folded into the incident${typeof d.alertCount === 'number' ? ` (${d.alertCount} in all)` : ''}`;
    case 'incident.acknowledged':
      return 'Acknowledged';
    case 'incident.resolved':
      return 'Resolved';
    case 'incident.reopened':
      return 'Reopened';
    case 'priority.set':
      return `Priority changed from ${str(d.previous)} to ${str(d.priority)}`;
    case 'confidential.set':
      return d.confidential ? 'Marked confidential (need-to-know)' : 'No longer confidential';
    case 'need-to-know.changed': {
      const names = (key: string) => (Array.isArray(d[key]) ? (d[key] as unknown[]).map((id) => nameOf(str(id))).join(', ') : '');
      const parts = [names('added') && `added ${names('added')}`, names('removed') && `removed ${names('removed')}`].filter(Boolean);
      return `Need-to-know list: ${parts.join('; ') || 'unchanged'}`;
    }
    case 'incident.deferred':
      return 'Held until business hours';
    case 'incident.released':
      if (d.early === 'priority-high') return 'Released to escalation at once: raised to high';
      if (d.early === 'escalate-now') return 'Released to escalation at once on request';
      return 'Released to escalation';
    case 'triage.verdict':
      return d.verdict === 'false_positive'
        ? `Dismissed as a false positive${d.reason ? `: ${str(d.reason)}` : ''}`
        : `Triage verdict: ${str(d.verdict)}`;
    case 'assignee.set':
      return `${d.role === 'forensic' ? 'Forensic' : 'Triage'} analyst set to ${person('userId')}`;
    case 'note.added':
      return `Note: ${str(d.text)}`;
    case 'evidence.added':
      return `Evidence added: ${str(d.description)} (SHA-256 ${str(d.sha256).slice(0, 12)}…)`;
    case 'escalation.started':
      if (d.restarted) {
        const had = d.from === 'unanswered' ? 'failed over' : `stopped${d.stopReason ? ` (${str(d.stopReason)})` : ''}`;
        return `Escalation restarted on request (it had ${had})`;
      }
      if (typeof d.run === 'number') return `Escalation started again from level 1 (run ${d.run + 1}, policy ${str(d.policy)})`;
      return `Escalation started (policy ${str(d.policy)})`;
    case 'escalation.level':
      return `Escalated from level ${level(d.from)} to level ${level(d.to)}${ESCALATED_WHY[str(d.reason)] ?? ''}`;
    case 'escalation.nobody-on-call':
      return `Nobody on call at level ${level(d.level)}`;
    case 'escalation.stopped':
      return `Escalation stopped (${str(d.reason)})`;
    case 'page.queued':
      if (d.failover) return `Page queued to the failover: ${person('userId')}`;
      return `${d.manual ? 'Paged by hand' : `Page queued at level ${level(d.level)}`}: ${person('userId')}`;
    case 'page.sent':
      return `Page sent to ${person('userId')}${d.channel ? ` by ${str(d.channel)}` : ''}${d.replayed ? ' (when the phone connected)' : ''}`;
    case 'page.delivered':
      return `Page delivered${d.channel ? ` (${str(d.channel)})` : ''}`;
    case 'page.read':
      return `Page read${d.channel ? ` (${str(d.channel)})` : ''}`;
    case 'page.failed':
      return `Page failed${d.reason ? `: ${str(d.reason)}` : d.error ? `: ${str(d.error)}` : ''}`;
    case 'failover.sent':
      return 'Failover: the team lead was told nobody answered';
    case 'connectwise.synced':
      return `ConnectWise ticket #${str(d.ticketId)} updated${Array.isArray(d.calls) ? ` (${(d.calls as unknown[]).map(str).join(', ')})` : ''}`;
    case 'connectwise.failed':
      return `ConnectWise sync failed: ${str(d.reason)}`;
    case 'maintenance.suppressed':
      return `Not paged: maintenance window “${str(d.windowName)}”`;
    case 'maintenance.released':
      return `Maintenance window “${str(d.windowName)}” ended: handed to escalation`;
    case 'maintenance.ended':
      return `Maintenance window “${str(d.windowName)}” ended: left unpaged (drop)`;
    case 'incident.snoozed':
      return `Snoozed until ${stamp(d.until)}`;
    case 'incident.snooze_ended':
      return SNOOZE_ENDED[str(d.reason)] ?? 'Snooze ended';
    case 'status.posted': {
      const reach = `${plural(d.recipients, 'address', 'addresses')}, ${plural(d.channels, 'Teams channel', 'Teams channels')}`;
      return `Status update (${str(d.stage)}) to ${reach}${d.confidential ? ', sent although confidential' : ''}${d.message ? `: ${str(d.message)}` : ''}`;
    }
    case 'status.sent':
      return `Status update (${str(d.stage)}) sent to ${plural(d.emails, 'address', 'addresses')}, ${plural(d.channels, 'Teams channel', 'Teams channels')}${d.slack ? ', the Slack thread' : ''}`;
    case 'status.failed':
      return `Status update (${str(d.stage)}) not sent to ${plural(d.emails, 'address', 'addresses')}, ${plural(d.channels, 'Teams channel', 'Teams channels')}${d.slack ? ', the Slack thread' : ''}${d.error ? `: ${str(d.error)}` : ''}`;
    case 'msteams.posted':
      return `Posted to Teams channel ${str(d.channel)}${d.redacted ? ' (redacted: confidential)' : ''}: ${str(d.headline)}`;
    case 'msteams.failed':
      return `Teams channel ${str(d.channel)} not told (${str(d.headline)}): ${str(d.error)}`;
    case 'intel.matched': {
      const n = Array.isArray(d.matches) ? d.matches.length : 1;
      return `The alert matched ${n} threat ${n === 1 ? 'indicator' : 'indicators'}`;
    }
  }
}

/** Who did it, in words: a person's name, the monitoring source, or the relay. */
export function actorText(event: TimelineEvent, nameOf: (id: string) => string): string {
  if (event.actor.type === 'user') return event.actor.id ? nameOf(event.actor.id) : 'someone';
  if (event.actor.type === 'source') return event.actor.id ? `source ${event.actor.id}` : 'the source';
  return 'Klaxon';
}
