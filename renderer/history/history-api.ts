import { z } from 'zod';
import { type HistoryPage, HistoryPageSchema, type SavedSearch, type SavedSearchInput, SavedSearchSchema } from '../../shared/schemas/history.js';
import { createReportApi, type ReportFilterOptions } from '../reports/report-api.js';
import { type RelayAuth, relayGetJson, relaySendJson } from '../services/relay-request.js';

/** The relay's history API as the History page uses it; the store takes this so tests can fake it. */
export interface HistoryApi {
  /** `GET /api/v1/incidents?<search>`, checked with the shared `HistoryPageSchema`. */
  search(auth: RelayAuth, search: string): Promise<HistoryPage>;
  /** `GET /api/v1/saved-searches` (`{ searches }`): the shared searches and the person's own. */
  savedSearches(auth: RelayAuth): Promise<SavedSearch[]>;
  /** `POST /api/v1/saved-searches` (the relay answers `{ search }`). */
  saveSearch(auth: RelayAuth, input: SavedSearchInput): Promise<SavedSearch>;
  /** `DELETE /api/v1/saved-searches/:id`. */
  deleteSearch(auth: RelayAuth, id: string): Promise<void>;
  /** The filters' choices (teams, services, clients, people), as the Reports page lists them. */
  filterOptions(auth: RelayAuth): Promise<ReportFilterOptions>;
}

const SavedSearchListSchema = z.object({ searches: z.array(SavedSearchSchema) });
const SavedSearchAnswerSchema = z.object({ search: SavedSearchSchema });

/** Creates the history API client on `fetch` (injectable for tests). */
export function createHistoryApi(fetchImpl?: typeof fetch): HistoryApi {
  const base = fetchImpl ? { fetchImpl } : {};
  const reports = createReportApi(fetchImpl);
  return {
    search: (auth, search) => relayGetJson(auth, `/api/v1/incidents?${search}`, HistoryPageSchema, base),
    savedSearches: async (auth) => (await relayGetJson(auth, '/api/v1/saved-searches', SavedSearchListSchema, base)).searches,
    saveSearch: async (auth, input) => (await relaySendJson(auth, 'POST', '/api/v1/saved-searches', input, SavedSearchAnswerSchema, base)).search,
    deleteSearch: (auth, id) => relaySendJson(auth, 'DELETE', `/api/v1/saved-searches/${encodeURIComponent(id)}`, undefined, null, base),
    filterOptions: (auth) => reports.filterOptions(auth),
  };
}
