import type { HistoryFacets, HistorySort, SavedSearch } from '../../../shared/schemas/history.js';
import type { Incident, TriageVerdict } from '../../../shared/schemas/incident.js';
import type { Priority } from '../../../shared/schemas/priority.js';
import type { HistoryCursor } from '../../core/history/history-cursor.js';
import type { SearchText } from '../../core/history/search-syntax.js';

/** The filters of a history search, as the store applies them inside its query. */
export interface IncidentSearchFilter {
  /** `open`: not resolved; `any` or absent: every status. */
  status?: Incident['status'] | 'open' | 'any';
  priority?: Priority;
  clientId?: string;
  serviceId?: string;
  teamId?: string;
  /** A verdict, or `none` for incidents without one. */
  verdict?: TriageVerdict | 'none';
  /** The triage or forensic assignee. */
  assignee?: string;
  /** First seen at or after (epoch ms). */
  fromMs?: number;
  /** First seen before (epoch ms). */
  toMs?: number;
  /** Incidents left out whatever they match (the incident in view, for similar ones). */
  excludeIds?: readonly string[];
}

/**
 * A history search. Relevance is a score both engines compute alike: for each search term, the
 * weight of the best place it occurs in the incident (summary or source 3, a note or the post-mortem
 * 2, an alert's summary, source or payload 1), summed; ties go to the newest, then the id.
 */
export interface IncidentSearch {
  /** The words; without them every incident passing the filters matches (score 0). */
  text?: SearchText;
  /**
   * `all` (default): every `text.all` term must occur; `any`: at least one (ranked by the score).
   * Similar incidents: `{ text: wordsSearch(incident.summary), match: 'any', filter: { status:
   * 'resolved', excludeIds: [incident.id] }, sort: 'relevance', facets: false, limit, visibleTo }`.
   */
  match?: 'all' | 'any';
  filter: IncidentSearchFilter;
  sort: HistorySort;
  /** Rows after this one in the sort order. */
  after?: HistoryCursor;
  limit: number;
  /** The person searching when need-to-know applies (confidential incidents only if on their list); null: sees all. */
  visibleTo: string | null;
  /** Counts per priority, service, client and verdict over all matches (default true). */
  facets?: boolean;
}

/** One incident a search found, with its relevance score and the text that matched best. */
export interface IncidentSearchHit {
  incident: Incident;
  score: number;
  /** The text of the best-weighted place a term matched (for the snippet); absent without terms. */
  matchedText?: string;
}

/** A page of a history search. */
export interface IncidentSearchPage {
  hits: IncidentSearchHit[];
  /** How many incidents match in all (0 when facets were not asked for). */
  total: number;
  facets: HistoryFacets;
  /** Where the next page starts; undefined on the last. */
  next?: HistoryCursor;
}

/** The store's part for the incident history: search, and saved searches. `StoreSession` extends it. */
export interface HistorySession {
  /** Runs a history search with need-to-know applied inside the query. */
  searchIncidents(search: IncidentSearch): Promise<IncidentSearchPage>;
  /** The saved searches `ownerId` sees: their own and the shared ones, by name. */
  listSavedSearches(ownerId: string): Promise<SavedSearch[]>;
  getSavedSearch(id: string): Promise<SavedSearch | undefined>;
  insertSavedSearch(search: SavedSearch): Promise<void>;
  /** Removes a saved search; false when there was none. */
  deleteSavedSearch(id: string): Promise<boolean>;
}
