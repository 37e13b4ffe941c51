import { boardState, type Incident } from '../../../shared/schemas/incident.js';
import type { Page } from '../../../shared/schemas/page.js';
import type { TimelineEvent } from '../../../shared/schemas/timeline.js';
import { positional } from '../args.js';
import { emit, type Command } from '../command.js';
import { clip, fields, relativeTime, table } from '../format.js';
import { connect } from '../session.js';

/** `GET /api/v1/incidents/:id` as the CLI reads it. */
export interface IncidentDetail {
  incident: Incident;
  timeline: TimelineEvent[];
  pages: Page[];
}

/** How many of the latest timeline events the human view shows. */
const TIMELINE_LINES = 15;

/** Who did a timeline step, in a few words. */
function actorText(event: TimelineEvent): string {
  return event.actor.id ? `${event.actor.type}:${event.actor.id}` : event.actor.type;
}

/** The human view of one incident: its fields, pages, and the latest timeline steps. */
export function incidentDetailText(detail: IncidentDetail, now: Date): string {
  const i = detail.incident;
  const when = (at: string | null) => (at ? `${at} (${relativeTime(at, now)})` : '-');
  const parts = [
    fields([
      ['Incident', i.id],
      ['Summary', i.summary],
      ['State', `${boardState(i)}${i.confidential ? ' (confidential)' : ''}${i.suppressedBy ? ` (maintenance: ${i.suppressedBy.name})` : ''}`],
      ['Priority', `${i.priority} (severity ${i.severity})`],
      ['Service', `${i.serviceId} (team ${i.teamId})`],
      ['Source', i.source],
      ['Alerts', String(i.alertCount)],
      ['Opened', when(i.firstSeenAt)],
      ['Acknowledged', when(i.acknowledgedAt)],
      ['Resolved', when(i.resolvedAt)],
    ]),
  ];
  if (detail.pages.length > 0) {
    parts.push('', table(['PAGE', 'TO', 'CHANNEL', 'STATE', 'LEVEL'], detail.pages.map((p) => [p.id, p.userId, p.channel, p.state, String(p.level)])));
  }
  if (detail.timeline.length > 0) {
    const latest = detail.timeline.slice(-TIMELINE_LINES);
    parts.push('', table(['WHEN', 'EVENT', 'BY'], latest.map((e) => [relativeTime(e.at, now), e.type, actorText(e)])));
  } else if (i.confidential) {
    parts.push('', clip('Confidential: you are not on its need-to-know list, so its details are withheld.', 100));
  }
  return parts.join('\n');
}

/** `klaxon incidents show ID`: one incident with its pages and timeline (`GET /api/v1/incidents/:id`). */
export const incidentsShowCommand: Command = {
  words: ['incidents', 'show'],
  usage: 'incidents show ID',
  summary: 'show one incident: its fields, pages and latest timeline steps',
  options: {},
  async run(context, args) {
    const id = positional(args, 0, 'ID');
    const detail = await connect(context, args).call<IncidentDetail>('GET', `/api/v1/incidents/${encodeURIComponent(id)}`);
    emit(context, args, detail, () => incidentDetailText(detail, context.now()));
  },
};
