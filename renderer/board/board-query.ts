import { type BoardState, boardState, type Incident } from '../../shared/schemas/incident.js';
import type { Priority } from '../../shared/schemas/priority.js';
import { clientIdOf } from '../clients/client-of.js';

/** What the board is narrowed to; empty lists and an empty text mean "any". */
export interface BoardFilter {
  priorities: Priority[];
  states: BoardState[];
  teams: string[];
  services: string[];
  /** Client ids; an incident without a client passes only when the list is empty. */
  clients: string[];
  /** A user id matched against the triage and forensic assignees; `unassigned` matches neither set. */
  assignee: string | null;
  text: string;
}

/** The columns the board sorts by. */
export type SortKey = 'priority' | 'state' | 'service' | 'summary' | 'age' | 'alerts';

/** The board's sort: a column and a direction. */
export interface BoardSort {
  key: SortKey;
  descending: boolean;
}

/** The special assignee filter value matching incidents with neither assignee. */
export const UNASSIGNED = 'unassigned';

/** A filter that lets every incident through. */
export function emptyFilter(): BoardFilter {
  return { priorities: [], states: [], teams: [], services: [], clients: [], assignee: null, text: '' };
}

/** Tells whether a filter narrows the board at all. */
export function isFiltering(filter: BoardFilter): boolean {
  return (
    filter.priorities.length > 0 ||
    filter.states.length > 0 ||
    filter.teams.length > 0 ||
    filter.services.length > 0 ||
    filter.clients.length > 0 ||
    filter.assignee !== null ||
    filter.text.trim() !== ''
  );
}

const PRIORITY_RANK: Record<Priority, number> = { high: 0, medium: 1, low: 2 };
// Unanswered first: nobody has picked those up even after escalation ran out.
const STATE_RANK: Record<BoardState, number> = { unanswered: 0, triggered: 1, deferred: 2, acknowledged: 3, resolved: 4 };

/** Builds the test one incident must pass; `nameOf` turns user and service ids into searchable names. */
export function incidentMatcher(filter: BoardFilter, nameOf: (id: string) => string): (incident: Incident) => boolean {
  const text = filter.text.trim().toLowerCase();
  const priorities = new Set(filter.priorities);
  const states = new Set(filter.states);
  const teams = new Set(filter.teams);
  const services = new Set(filter.services);
  const clients = new Set(filter.clients);
  return (incident) => {
    if (priorities.size && !priorities.has(incident.priority)) return false;
    if (states.size && !states.has(boardState(incident))) return false;
    if (teams.size && !teams.has(incident.teamId)) return false;
    if (services.size && !services.has(incident.serviceId)) return false;
    if (clients.size && !clients.has(clientIdOf(incident) ?? '')) return false;
    if (filter.assignee === UNASSIGNED) {
      if (incident.triageAssignee || incident.forensicAssignee) return false;
    } else if (filter.assignee !== null) {
      if (incident.triageAssignee !== filter.assignee && incident.forensicAssignee !== filter.assignee) return false;
    }
    if (!text) return true;
    const haystack = [
      incident.summary,
      incident.source,
      incident.id,
      incident.externalRef ?? '',
      nameOf(incident.serviceId),
      incident.triageAssignee ? nameOf(incident.triageAssignee) : '',
      incident.forensicAssignee ? nameOf(incident.forensicAssignee) : '',
    ]
      .join('\n')
      .toLowerCase();
    return haystack.includes(text);
  };
}

/** Builds the comparator of a sort; ties fall back to the state, the newest first, then the id, so the order is stable. */
export function incidentComparator(sort: BoardSort, nameOf: (id: string) => string): (a: Incident, b: Incident) => number {
  const sign = sort.descending ? -1 : 1;
  const primary = (a: Incident, b: Incident): number => {
    switch (sort.key) {
      case 'priority':
        return PRIORITY_RANK[a.priority] - PRIORITY_RANK[b.priority];
      case 'state':
        return STATE_RANK[boardState(a)] - STATE_RANK[boardState(b)];
      case 'service':
        return nameOf(a.serviceId).localeCompare(nameOf(b.serviceId));
      case 'summary':
        return a.summary.localeCompare(b.summary);
      case 'age':
        // Oldest first when ascending: the longest-open incident is the most overdue.
        return a.firstSeenAt < b.firstSeenAt ? -1 : a.firstSeenAt > b.firstSeenAt ? 1 : 0;
      case 'alerts':
        return a.alertCount - b.alertCount;
    }
  };
  return (a, b) => {
    const first = primary(a, b) * sign;
    if (first !== 0) return first;
    // Among equals, the ones needing someone most come first: unanswered, then triggered …
    const state = STATE_RANK[boardState(a)] - STATE_RANK[boardState(b)];
    if (state !== 0) return state;
    if (a.firstSeenAt !== b.firstSeenAt) return a.firstSeenAt < b.firstSeenAt ? 1 : -1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

/** The incidents the board shows, filtered and sorted (a new array; the input is left as it is). */
export function queryBoard(incidents: readonly Incident[], filter: BoardFilter, sort: BoardSort, nameOf: (id: string) => string): Incident[] {
  const matches = incidentMatcher(filter, nameOf);
  return incidents.filter(matches).sort(incidentComparator(sort, nameOf));
}
