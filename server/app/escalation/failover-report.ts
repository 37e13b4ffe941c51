import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import type { MailMessage } from '../../adapters/mail/mailer.js';

/** Where a page came from: a level (counted from 1), the failover, or a person paging by hand. */
const stageOf = (page: Page): string =>
  page.pageKey.startsWith('failover:') ? 'failover' : page.pageKey.startsWith('manual:') ? 'by hand' : `level ${page.level + 1}`;
const time = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—');

/** Timeline events whose content is the incident's substance: never in a confidential incident's report. */
const CONTENT_EVENTS = new Set<TimelineEvent['type']>(['note.added', 'evidence.added']);

/** One timeline line; a confidential incident's lines say what happened and when, with no details. */
function timelineLine(event: TimelineEvent, confidential: boolean): string {
  const head = `  ${time(event.at)}  ${event.type}${event.actor.id ? ` by ${event.actor.id}` : ''}`;
  return confidential ? head : `${head}  ${JSON.stringify(event.data)}`;
}

/**
 * Writes the failover e-mail: the incident, and every page sent for it — to whom, on what channel,
 * at which level (or as the failover, or by hand), how often, and how far it got (sent, delivered,
 * read, or failed with the reason) — with the escalation's timeline, so a post-mortem can see why the
 * alert went unanswered. A confidential incident (passed in redacted) gets no source, notes, evidence
 * or event details: the e-mail leaves the app.
 */
export function failoverReport(
  incident: Incident,
  pages: readonly Page[],
  timeline: readonly TimelineEvent[],
  names: ReadonlyMap<string, string>,
  openUrl: string,
  to: string[],
): MailMessage {
  const who = (id: string) => (names.has(id) ? `${names.get(id)} (${id})` : id);
  const lines = [
    `Nobody answered this ${incident.priority}-priority incident: every escalation level ran out.`,
    '',
    `Incident:  ${incident.summary}`,
    incident.confidential ? `Service:   ${incident.serviceId}` : `Service:   ${incident.serviceId}   Source: ${incident.source || '—'}`,
    `Status:    ${incident.status}   Alerts: ${incident.alertCount}`,
    `Opened:    ${time(incident.firstSeenAt)}   Last alert: ${time(incident.lastSeenAt)}`,
    `Open it:   ${openUrl}`,
    '',
    `Pages sent (${pages.length}):`,
    ...pages.map(
      (p) =>
        `  - ${who(p.userId)} · ${p.channel} · ${stageOf(p)} · ${p.state.toUpperCase()} · ` +
        `sent ${time(p.sentAt)} · delivered ${time(p.deliveredAt)} · read ${time(p.readAt)} · attempts ${p.attempts}` +
        (p.error ? ` · error: ${p.error}` : ''),
    ),
    '',
    'Timeline:',
    ...timeline.filter((e) => !(incident.confidential && CONTENT_EVENTS.has(e.type))).map((e) => timelineLine(e, incident.confidential)),
  ];
  return { to, subject: `[Klaxon] UNANSWERED ${incident.priority}: ${incident.summary}`.slice(0, 300), text: lines.join('\n') };
}
