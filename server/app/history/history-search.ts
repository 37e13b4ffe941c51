import type { HistoryFacets, HistoryPage, HistoryQuery, SnippetPart } from '../../../shared/schemas/history.js';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import type { KnowRequester } from '../../core/access/need-to-know.js';
import { can } from '../../core/access/permissions.js';
import { decodeCursor, encodeCursor } from '../../core/history/history-cursor.js';
import { isSearchSyntaxError, parseSearchText, type SearchText } from '../../core/history/search-syntax.js';
import { snippetOf } from '../../core/history/snippet.js';
import { incidentsAsSeenBy } from '../incidents/incident-access.js';
import type { IncidentSearch } from '../ports/history-store.js';
import type { StoreSession } from '../ports/store.js';

/** How many incidents a history page holds when the query does not say. */
export const DEFAULT_HISTORY_LIMIT = 50;

/** How many open incidents the board's list (no search, no filter) holds when the query does not say. */
export const DEFAULT_BOARD_LIMIT = 200;

/** The store reads a history search makes. */
export type HistoryReads = Pick<StoreSession, 'searchIncidents' | 'listOpenIncidents' | 'listNeedToKnow' | 'listIncidentsKnownTo' | 'listPages'>;

const invalid = (field: string, message: string): CommandResult<never> => ({ ok: false, error: { code: 'invalid', message: `${field}: ${message}`, field } });

/** Tells whether a query asks for the board's list as before: nothing, or only `status=open` and a limit. */
export function isBoardList(query: HistoryQuery): boolean {
  return Object.entries(query).every(([key, value]) => value === undefined || key === 'limit' || (key === 'status' && value === 'open'));
}

/** Counts per facet over incidents (the board's list: only the ones the person may know). */
function facetsOf(incidents: readonly Incident[]): HistoryFacets {
  const facets: HistoryFacets = { priority: {}, service: {}, client: {}, verdict: {} };
  const add = (facet: Record<string, number>, key: string) => (facet[key] = (facet[key] ?? 0) + 1);
  for (const i of incidents) {
    add(facets.priority, i.priority);
    add(facets.service, i.serviceId);
    add(facets.client, i.clientId ?? 'none');
    add(facets.verdict, i.triageVerdict ?? 'none');
  }
  return facets;
}

/**
 * Turns a parsed `GET /api/v1/incidents` query into the store's search, or names the parameter at
 * fault (a search without words, a cursor of another sort or not ours, `from` after `to`).
 */
export function storeSearch(query: HistoryQuery, who: KnowRequester): CommandResult<IncidentSearch> {
  let text: SearchText | undefined;
  if (query.q !== undefined) {
    const parsed = parseSearchText(query.q);
    if (isSearchSyntaxError(parsed)) return invalid('q', parsed.reason);
    text = parsed;
  }
  const sort = query.sort ?? (text?.all.length ? 'relevance' : 'newest');
  const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor);
  if (query.cursor !== undefined && !after) return invalid('cursor', 'is not a cursor this relay gave out');
  if (after && after.sort !== sort) return invalid('cursor', `belongs to a search sorted by ${after.sort}, not ${sort}`);
  const fromMs = query.from === undefined ? undefined : Date.parse(query.from);
  const toMs = query.to === undefined ? undefined : Date.parse(query.to);
  if (fromMs !== undefined && toMs !== undefined && fromMs > toMs) return invalid('to', 'must not be before from');
  return {
    ok: true,
    value: {
      ...(text ? { text } : {}),
      filter: {
        status: query.status ?? 'any',
        priority: query.priority,
        clientId: query.client,
        serviceId: query.service,
        teamId: query.team,
        verdict: query.verdict,
        assignee: query.assignee,
        fromMs,
        toMs,
      },
      sort,
      ...(after ? { after } : {}),
      limit: query.limit ?? DEFAULT_HISTORY_LIMIT,
      visibleTo: can(who.role, 'see-confidential') ? null : who.userId,
    },
  };
}

/**
 * Answers `GET /api/v1/incidents`. Without words or filters it is the board's list as before: the
 * open incidents, oldest first, the confidential ones a person may not know redacted to their
 * existence (and left out of the facets). Any search or filter runs the history search, where need-
 * to-know is applied inside the query: such an incident is not in the results or the counts at all.
 */
export async function searchHistory(store: HistoryReads, who: KnowRequester, query: HistoryQuery): Promise<CommandResult<HistoryPage>> {
  if (isBoardList(query)) {
    const open = (await store.listOpenIncidents()).slice(-(query.limit ?? DEFAULT_BOARD_LIMIT));
    const incidents = await incidentsAsSeenBy(store, who, open);
    const known = incidents.filter((seen, i) => seen === open[i]);
    return { ok: true, value: { incidents, snippets: {}, total: incidents.length, facets: facetsOf(known), nextCursor: null } };
  }
  const search = storeSearch(query, who);
  if (!search.ok) return search;
  const page = await store.searchIncidents(search.value);
  const snippets: Record<string, SnippetPart[]> = {};
  const terms = [...(search.value.text?.all ?? [])];
  for (const hit of page.hits) {
    const snippet = hit.matchedText === undefined ? undefined : snippetOf(hit.matchedText, terms);
    if (snippet) snippets[hit.incident.id] = snippet;
  }
  return {
    ok: true,
    value: {
      incidents: page.hits.map((h) => h.incident),
      snippets,
      total: page.total,
      facets: page.facets,
      nextCursor: page.next ? encodeCursor(page.next) : null,
    },
  };
}
