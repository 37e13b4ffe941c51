import type { ExpressionBuilder, SelectQueryBuilder } from 'kysely';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { ReportActionItemFact, ReportIncidentFact, ReportPageFact, ReportRange } from '../../app/ports/report-store.js';
import type { Database, Db } from './database.js';

type IncidentScope = SelectQueryBuilder<Database, 'incidents', object>;

// An instant column kept as ISO text, as epoch ms (null stays null).
function millisOf(iso: string | null): number | null {
  if (iso === null) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? ms : null;
}

/**
 * Narrows a query over `incidents` to a report's range, filters and viewer. The range runs on the
 * `first_seen_ms` index (the filters narrow within it); confidential incidents stay only for a
 * viewer who may see them all or is on their need-to-know list.
 */
function inRange<QB extends IncidentScope>(query: QB, range: ReportRange): QB {
  let q = query.where('incidents.first_seen_ms', '>=', range.fromMs).where('incidents.first_seen_ms', '<', range.toMs) as QB;
  if (range.team !== undefined) q = q.where('incidents.team_id', '=', range.team) as QB;
  if (range.service !== undefined) q = q.where('incidents.service_id', '=', range.service) as QB;
  if (range.client !== undefined) q = q.where('incidents.client_id', '=', range.client) as QB;
  if (range.priority !== undefined) q = q.where('incidents.priority', '=', range.priority) as QB;
  const responder = range.responder;
  if (responder !== undefined) {
    q = q.where((eb: ExpressionBuilder<Database, 'incidents'>) =>
      eb.exists(
        eb
          .selectFrom('pages')
          .select('pages.id')
          .whereRef('pages.incident_id', '=', 'incidents.id')
          .where('pages.user_id', '=', responder),
      ),
    ) as QB;
  }
  if (!range.viewer.seeAllConfidential) {
    const userId = range.viewer.userId;
    q = q.where((eb: ExpressionBuilder<Database, 'incidents'>) =>
      eb.or([
        eb('incidents.confidential', '=', 0),
        eb.exists(
          eb
            .selectFrom('incident_need_to_know')
            .select('incident_need_to_know.user_id')
            .whereRef('incident_need_to_know.incident_id', '=', 'incidents.id')
            .where('incident_need_to_know.user_id', '=', userId),
        ),
      ]),
    ) as QB;
  }
  return q;
}

/** Slack for the escalation marks: an event is never before its incident, but relays' clocks may differ a little. */
const CLOCK_SLACK_MS = 86_400_000;

/**
 * The incidents of the range that escalated (an `escalation.level` event) or failed over (a
 * `failover.sent` event). Such events come after the incident was first seen, so they are read on
 * the `(type, at_ms)` index from the range's start on — a few rows per escalated incident, rather
 * than a probe per incident — and joined to the range's incidents.
 */
async function escalationMarks(db: Db, range: ReportRange): Promise<{ escalated: Set<string>; failedOver: Set<string> }> {
  const rows = await inRange(db.selectFrom('incidents') as IncidentScope, range)
    .innerJoin('timeline_events', 'timeline_events.incident_id', 'incidents.id')
    .where('timeline_events.type', 'in', ['escalation.level', 'failover.sent'])
    .where('timeline_events.at_ms', '>=', range.fromMs - CLOCK_SLACK_MS)
    .select(['timeline_events.incident_id as incident_id', 'timeline_events.type as type'])
    .distinct()
    .execute();
  const marks = { escalated: new Set<string>(), failedOver: new Set<string>() };
  for (const row of rows) (row.type === 'failover.sent' ? marks.failedOver : marks.escalated).add(row.incident_id);
  return marks;
}

/**
 * Reads the facts of every incident in a report's range: its columns and its post-mortem's state
 * and trigger answer (joined by primary keys) in one query, and whether it escalated or failed over
 * in a second (see `escalationMarks`).
 */
export async function reportIncidents(db: Db, range: ReportRange): Promise<ReportIncidentFact[]> {
  const query = inRange(db.selectFrom('incidents') as IncidentScope, range)
    .leftJoin('postmortem_incidents', 'postmortem_incidents.incident_id', 'incidents.id')
    .leftJoin('postmortems', 'postmortems.id', 'postmortem_incidents.postmortem_id')
    .select([
      'incidents.id as id',
      'incidents.first_seen_ms as first_seen_ms',
      'incidents.priority as priority',
      'incidents.team_id as team_id',
      'incidents.service_id as service_id',
      'incidents.client_id as client_id',
      'incidents.confidential as confidential',
      'incidents.triage_verdict as triage_verdict',
      'incidents.acknowledged_at as acknowledged_at',
      'incidents.resolved_at as resolved_at',
      'incidents.priority_rule as priority_rule',
      'postmortems.id as postmortem_id',
      'postmortems.state as postmortem_state',
      'postmortems.trigger_answer as trigger_answer',
    ]);
  const [rows, marks] = await Promise.all([query.execute(), escalationMarks(db, range)]);
  return rows.map((row) => ({
    id: row.id,
    firstSeenMs: Number(row.first_seen_ms),
    priority: row.priority as Priority,
    teamId: row.team_id,
    serviceId: row.service_id,
    clientId: row.client_id,
    confidential: Number(row.confidential) === 1,
    triageVerdict: row.triage_verdict as ReportIncidentFact['triageVerdict'],
    acknowledgedMs: millisOf(row.acknowledged_at),
    resolvedMs: millisOf(row.resolved_at),
    escalated: marks.escalated.has(row.id),
    failedOver: marks.failedOver.has(row.id),
    rule: row.priority_rule,
    postmortemId: row.postmortem_id,
    postmortemState: row.postmortem_state,
    triggerAnswer: row.trigger_answer,
  }));
}

/** Reads every page of the incidents in a report's range (the range on its index, pages by incident). */
export async function reportPages(db: Db, range: ReportRange): Promise<ReportPageFact[]> {
  const rows = await inRange(db.selectFrom('incidents') as IncidentScope, range)
    .innerJoin('pages', 'pages.incident_id', 'incidents.id')
    .select(['pages.incident_id as incident_id', 'pages.user_id as user_id', 'pages.channel as channel', 'pages.created_ms as created_ms', 'pages.read_at as read_at'])
    .execute();
  return rows.map((row) => ({
    incidentId: row.incident_id,
    userId: row.user_id,
    channel: row.channel,
    createdMs: Number(row.created_ms),
    readMs: millisOf(row.read_at),
  }));
}

/** How many ids one `IN (...)` list carries (well under both engines' parameter limits). */
const ID_CHUNK = 500;

/** Reads the action items of these post-mortems. */
export async function reportActionItems(db: Db, postmortemIds: readonly string[]): Promise<ReportActionItemFact[]> {
  const facts: ReportActionItemFact[] = [];
  for (let i = 0; i < postmortemIds.length; i += ID_CHUNK) {
    const rows = await db
      .selectFrom('postmortem_action_items')
      .select(['postmortem_id', 'owner', 'due_date', 'state'])
      .where('postmortem_id', 'in', postmortemIds.slice(i, i + ID_CHUNK))
      .orderBy('postmortem_id')
      .orderBy('position')
      .execute();
    for (const row of rows) facts.push({ postmortemId: row.postmortem_id, owner: row.owner, dueDate: row.due_date, state: row.state });
  }
  return facts;
}
