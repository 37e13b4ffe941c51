import type { Incident } from '../../shared/schemas/incident.js';
import type { Page } from '../../shared/schemas/page.js';

/** One live change as the board buffers it between frames. */
export type BoardChange = { type: 'incident'; incident: Incident } | { type: 'page'; page: Page };

/**
 * The board's incidents and pages, keyed by id. `seen` remembers the highest `seq` of every incident
 * this console has heard of, including those that left the board (resolved), so that a late, older
 * update cannot bring a resolved incident back.
 */
export interface BoardIndex {
  incidents: Map<string, Incident>;
  pages: Map<string, Map<string, Page>>;
  seen: Map<string, number>;
}

/** An empty index. */
export function emptyIndex(): BoardIndex {
  return { incidents: new Map(), pages: new Map(), seen: new Map() };
}

/** Page states a later state may not be replaced by (a late "sent" must not undo "read"). */
const PAGE_RANK: Record<Page['state'], number> = { queued: 0, sent: 1, delivered: 2, failed: 3, cancelled: 3, read: 4 };
/** How far a person got, across their channels: one read page means they read it. */
const PERSON_RANK: Record<Page['state'], number> = { cancelled: 0, failed: 1, queued: 2, sent: 3, delivered: 4, read: 5 };

/** Adds or replaces a page unless the stored one is further along. */
function putPage(index: BoardIndex, page: Page): boolean {
  let pages = index.pages.get(page.incidentId);
  if (!pages) index.pages.set(page.incidentId, (pages = new Map()));
  const before = pages.get(page.id);
  if (before && PAGE_RANK[before.state] > PAGE_RANK[page.state]) return false;
  pages.set(page.id, page);
  return true;
}

/**
 * Applies live changes in order: an incident version replaces the one held only when its `seq` is
 * higher (no duplicates, no going back); a resolved incident leaves the board. Answers whether
 * anything the board shows changed.
 */
export function applyChanges(index: BoardIndex, changes: readonly BoardChange[]): boolean {
  let changed = false;
  for (const change of changes) {
    if (change.type === 'page') {
      changed = putPage(index, change.page) || changed;
      continue;
    }
    const incident = change.incident;
    const known = index.seen.get(incident.id);
    if (known !== undefined && known >= incident.seq) continue;
    index.seen.set(incident.id, incident.seq);
    if (incident.status === 'resolved') {
      if (index.incidents.delete(incident.id)) changed = true;
      index.pages.delete(incident.id);
    } else {
      index.incidents.set(incident.id, incident);
      changed = true;
    }
  }
  return changed;
}

/**
 * Rebuilds the index from a snapshot (after connecting or reconnecting), then re-applies the live
 * changes that arrived while the snapshot was on its way: those newer than the snapshot win, older
 * ones are dropped. Incidents missing from the snapshot were resolved meanwhile and leave the board.
 */
export function fromSnapshot(snapshot: { incidents: Incident[]; pages?: Page[] }, pending: readonly BoardChange[]): BoardIndex {
  const index = emptyIndex();
  for (const incident of snapshot.incidents) {
    index.incidents.set(incident.id, incident);
    index.seen.set(incident.id, incident.seq);
  }
  for (const page of snapshot.pages ?? []) putPage(index, page);
  applyChanges(index, pending);
  return index;
}

/** Who was paged for an incident and how far their page got, one entry per person. */
export interface PagedPerson {
  userId: string;
  /** The furthest state of that person's pages: read beats delivered beats sent beats queued. */
  state: Page['state'];
  readAt: string | null;
  /** Why their pages failed, when `state` is `failed` (the relay's reason, shown on hover). */
  error: string | null;
  /** Paged as a failover recipient (every level ran out), not at a level of the escalation. */
  failover: boolean;
}

/** Sums up an incident's pages per person, in the order they were first paged. */
export function pagedPeople(pages: Iterable<Page>): PagedPerson[] {
  const people = new Map<string, PagedPerson>();
  const sorted = [...pages].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  for (const page of sorted) {
    const failover = page.pageKey.startsWith('failover:');
    const person = people.get(page.userId);
    if (!person) {
      people.set(page.userId, { userId: page.userId, state: page.state, readAt: page.readAt, error: page.error, failover });
      continue;
    }
    person.failover ||= failover;
    if (PERSON_RANK[page.state] > PERSON_RANK[person.state]) {
      person.state = page.state;
      person.readAt = page.readAt ?? person.readAt;
    }
    if (page.state === 'failed' && page.error) person.error = person.error && person.error !== page.error ? `${person.error}; ${page.error}` : page.error;
  }
  for (const person of people.values()) if (person.state !== 'failed') person.error = null;
  return [...people.values()];
}
