import type { Page } from '../../../shared/schemas/page.js';
import type { Db } from './database.js';
import { RESOLVED } from './incident-rows.js';
import { toPage } from './page-queries.js';

/**
 * Reads the pages of every open (not resolved) incident in one query, ordered by incident, creation
 * time and id: the console board snapshot costs the same two queries with ten or ten thousand
 * incidents open.
 */
export async function listPagesOfOpenIncidents(db: Db): Promise<Page[]> {
  const rows = await db
    .selectFrom('pages')
    .innerJoin('incidents', 'incidents.id', 'pages.incident_id')
    .selectAll('pages')
    .where('incidents.status', '<>', RESOLVED)
    .orderBy('pages.incident_id')
    .orderBy('pages.created_ms')
    .orderBy('pages.id')
    .execute();
  return rows.map(toPage);
}

/**
 * The ids of the open incidents on whose need-to-know lists `userId` is, in one query however many
 * incidents are open or confidential (the board snapshot asks it once per console).
 */
export async function listOpenIncidentsKnownTo(db: Db, userId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('incident_need_to_know')
    .innerJoin('incidents', 'incidents.id', 'incident_need_to_know.incident_id')
    .select('incident_need_to_know.incident_id as incidentId')
    .where('incident_need_to_know.user_id', '=', userId)
    .where('incidents.status', '<>', RESOLVED)
    .orderBy('incident_need_to_know.incident_id')
    .execute();
  return rows.map((row) => row.incidentId);
}
