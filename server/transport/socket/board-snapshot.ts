import type { BoardSnapshot } from '../../../shared/socket-events.js';
import type { Store } from '../../app/ports/store.js';
import { mayKnow, redactIncident, type KnowRequester } from '../../core/access/need-to-know.js';
import { can } from '../../core/access/permissions.js';

/** The reads a board snapshot is made of. */
export type BoardSnapshotReads = Pick<Store, 'listOpenIncidents' | 'listPagesOfOpenIncidents' | 'listOpenIncidentsKnownTo'>;

/**
 * Reads the board as `who` may see it: the open incidents (redacted to their existence where the
 * person may not know them) and the pages of the ones they may know, in at most three queries
 * whatever the number of open or confidential incidents (incidents; the person's need-to-know
 * entries among the open ones, only when some are confidential and the role does not see them all;
 * pages).
 */
export async function readBoardSnapshot(store: BoardSnapshotReads, who: KnowRequester): Promise<BoardSnapshot> {
  const incidents = await store.listOpenIncidents();
  const listed = new Set(
    !can(who.role, 'see-confidential') && incidents.some((i) => i.confidential) ? await store.listOpenIncidentsKnownTo(who.userId) : [],
  );
  const known = new Set(incidents.filter((i) => mayKnow(i, listed.has(i.id) ? [who.userId] : [], who)).map((i) => i.id));
  // Pages tell who was paged and when: only for incidents the person may know. Pages of an incident
  // opened between the reads would have no incident on the board yet.
  const pages = (await store.listPagesOfOpenIncidents()).filter((p) => known.has(p.incidentId));
  const seq = incidents.reduce((max, i) => Math.max(max, i.seq), 0);
  return { seq, incidents: incidents.map((i) => (known.has(i.id) ? i : redactIncident(i))), pages };
}

/**
 * Wraps `work` so that calls made while one is still running share its answer instead of starting
 * another: a console that sends `board:subscribe` a thousand times costs one snapshot in flight.
 */
export function coalesced<T>(work: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | undefined;
  return () => {
    running ??= work().finally(() => {
      running = undefined;
    });
    return running;
  };
}
