import { type SimilarIncidents, SimilarIncidentsSchema } from '../../shared/schemas/history.js';
import { type RelayAuth, relayGetJson } from '../services/relay-request.js';

/** The past incidents most like one, as the relay lets the signed-in person see them. */
export function fetchSimilarIncidents(auth: RelayAuth, incidentId: string, fetchImpl?: typeof fetch): Promise<SimilarIncidents> {
  return relayGetJson(auth, `/api/v1/incidents/${encodeURIComponent(incidentId)}/similar`, SimilarIncidentsSchema, fetchImpl ? { fetchImpl } : {});
}
