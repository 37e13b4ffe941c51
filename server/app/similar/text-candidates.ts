import { wordsSearch } from '../../core/history/search-syntax.js';
import type { HistorySession } from '../ports/history-store.js';
import type { PastIncidentAudience } from '../ports/similar-store.js';
import type { TextCandidates } from './similar-finder.js';

/** The most a search term weighs in the history search (a word in the summary or source). */
const BEST_TERM_WEIGHT = 3;
/**
 * The `visibleTo` of a search that must find no confidential incident at all: need-to-know lists
 * hold user ids, and no user has the empty id.
 */
const NOBODY = '';

/**
 * Similar summary text by the full-text rank: the resolved incidents (not the one in view) sharing
 * words with its summary, through the history search (`match: 'any'`, ranked by where the words
 * occur), with need-to-know inside the query. The rank is the search score over the best score
 * the words could reach (every word in the summary), so an identical summary ranks 1.
 */
export function createTextCandidates(store: Pick<HistorySession, 'searchIncidents'>): TextCandidates {
  return async (incident, audience: PastIncidentAudience, limit) => {
    const text = wordsSearch(incident.summary);
    if (!text) return [];
    const page = await store.searchIncidents({
      text,
      match: 'any',
      filter: { status: 'resolved', excludeIds: [incident.id] },
      sort: 'relevance',
      facets: false,
      limit,
      visibleTo: audience.kind === 'all' ? null : audience.kind === 'user' ? audience.userId : NOBODY,
    });
    const best = BEST_TERM_WEIGHT * text.all.length;
    return page.hits.map((hit) => ({ incident: hit.incident, rank: Math.min(1, hit.score / best) }));
  };
}
