import type { Actor } from '../../../shared/schemas/timeline.js';
import type { PastIncidentOutcome, SimilarCandidateQuery, SimilarCandidateRecord } from '../../app/ports/similar-store.js';
import type { Db } from './database.js';
import { toIncident } from './incident-rows.js';
import { parseJson } from './json.js';

type Reason = 'dedup' | 'source' | 'service';

/**
 * Resolved incidents like one in view, read in two bounded steps. First the `window` most recently
 * first-seen resolved incidents are walked on the (status, first_seen_ms) index, keeping only the
 * few columns compared, and those sharing the dedup key, the source or the service (and that the
 * audience may know) come back; at most `perReason` per reason are kept, most recent first. Then the
 * kept ones are read whole with their first alert. No statement reads more than `window` index rows.
 */
export async function listSimilarCandidates(db: Db, query: SimilarCandidateQuery): Promise<SimilarCandidateRecord[]> {
  const window = db
    .selectFrom('incidents')
    .select(['id', 'dedup_key', 'source', 'service_id', 'confidential', 'first_seen_ms'])
    .where('status', '=', 'resolved')
    .orderBy('first_seen_ms', 'desc')
    .limit(Math.max(0, Math.floor(query.window)))
    .as('w');
  const { audience } = query;
  const rows = await db
    .selectFrom(window)
    .select(['w.id', 'w.dedup_key', 'w.source', 'w.service_id'])
    .where('w.id', '<>', query.incidentId)
    .where((eb) =>
      eb.or([
        ...(query.dedupKey !== '' ? [eb('w.dedup_key', '=', query.dedupKey)] : []),
        ...(query.source.trim() !== '' ? [eb('w.source', '=', query.source)] : []),
        eb('w.service_id', '=', query.serviceId),
      ]),
    )
    .$if(audience.kind === 'everyone', (q) => q.where('w.confidential', '=', 0))
    .$if(audience.kind === 'user', (q) =>
      q.where((eb) =>
        eb.or([
          eb('w.confidential', '=', 0),
          eb.exists(
            eb
              .selectFrom('incident_need_to_know as n')
              .select('n.user_id')
              .whereRef('n.incident_id', '=', 'w.id')
              .where('n.user_id', '=', audience.kind === 'user' ? audience.userId : ''),
          ),
        ]),
      ),
    )
    .orderBy('w.first_seen_ms', 'desc')
    .orderBy('w.id', 'desc')
    .execute();

  const kept = new Set<string>();
  const taken: Record<Reason, number> = { dedup: 0, source: 0, service: 0 };
  const take = (reason: Reason, id: string) => {
    if (taken[reason] >= query.perReason) return;
    taken[reason] += 1;
    kept.add(id);
  };
  for (const row of rows) {
    if (query.dedupKey !== '' && row.dedup_key === query.dedupKey) take('dedup', row.id);
    if (query.source.trim() !== '' && row.source === query.source) take('source', row.id);
    if (row.service_id === query.serviceId) take('service', row.id);
  }
  if (kept.size === 0) return [];
  const ids = [...kept];
  const [incidents, alerts] = await Promise.all([
    db.selectFrom('incidents').selectAll().where('id', 'in', ids).execute(),
    firstAlertsOf(db, ids),
  ]);
  const byId = new Map(incidents.map((row) => [row.id, toIncident(row)]));
  return ids.flatMap((id) => {
    const incident = byId.get(id);
    return incident ? [{ incident, firstAlert: alerts.get(id) ?? null }] : [];
  });
}

/** The first alert of each incident (one indexed read each: the alerts of a storm are not all read). */
export async function firstAlertsOf(db: Db, incidentIds: readonly string[]): Promise<Map<string, { integrationType: string; payload: unknown }>> {
  const found = await Promise.all(
    [...new Set(incidentIds)].map(async (id) => {
      const row = await db
        .selectFrom('alerts')
        .select(['integration_type', 'payload'])
        .where('incident_id', '=', id)
        .orderBy('pos')
        .limit(1)
        .executeTakeFirst();
      return row ? ([id, { integrationType: row.integration_type, payload: row.payload === null ? null : parseJson<unknown>(row.payload, 'alerts.payload') }] as const) : undefined;
    }),
  );
  return new Map(found.filter((entry) => entry !== undefined));
}

/** Who resolved each incident (its newest resolve on the timeline) and its post-mortem's action items. */
export async function listPastIncidentOutcomes(db: Db, incidentIds: readonly string[]): Promise<PastIncidentOutcome[]> {
  if (incidentIds.length === 0) return [];
  const [items, resolvers] = await Promise.all([
    db
      .selectFrom('postmortem_incidents as pi')
      .innerJoin('postmortem_action_items as a', 'a.postmortem_id', 'pi.postmortem_id')
      .select(['pi.incident_id', 'a.title', 'a.state'])
      .where('pi.incident_id', 'in', [...incidentIds])
      .orderBy('pi.incident_id')
      .orderBy('a.position')
      .execute(),
    Promise.all(
      incidentIds.map((id) =>
        db
          .selectFrom('timeline_events')
          .select(['actor_type', 'actor_id'])
          .where('incident_id', '=', id)
          .where('type', '=', 'incident.resolved')
          // By position only: ordering by time as well would lead SQLite onto the (type, at_ms)
          // index, through every resolve ever recorded, instead of this incident's own rows.
          .orderBy('pos', 'desc')
          .limit(1)
          .executeTakeFirst(),
      ),
    ),
  ]);
  return incidentIds.map((incidentId, i) => {
    const resolver = resolvers[i];
    return {
      incidentId,
      resolvedBy: resolver ? ({ type: resolver.actor_type as Actor['type'], id: resolver.actor_id } satisfies Actor) : null,
      actionItems: items.filter((item) => item.incident_id === incidentId).map((item) => ({ title: item.title, done: item.state === 'done' })),
    };
  });
}
