import type { BoardSnapshot } from '../../../shared/socket-events.js';
import type { User } from '../../../shared/schemas/user.js';
import { incidentFor } from '../../app/incidents/redact.js';
import type { Store } from '../../app/ports/store.js';

/**
 * Reads the board as `user` may see it: the open incidents (redacted where the person has no
 * need-to-know) and their pages, in two queries whatever the number of open incidents.
 */
export async function readBoardSnapshot(store: Pick<Store, 'listOpenIncidents' | 'listPagesOfOpenIncidents'>, user: User): Promise<BoardSnapshot> {
  const incidents = await store.listOpenIncidents();
  const open = new Set(incidents.map((i) => i.id));
  // Pages of an incident opened between the two reads would have no incident on the board yet.
  const pages = (await store.listPagesOfOpenIncidents()).filter((p) => open.has(p.incidentId));
  const seq = incidents.reduce((max, i) => Math.max(max, i.seq), 0);
  return { seq, incidents: incidents.map((i) => incidentFor(user, i)), pages };
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
