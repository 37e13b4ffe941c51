import type { Incident } from '../../../shared/schemas/incident.js';
import type { FeedChange } from '../../app/feed/incident-feed.js';
import type { Store } from '../../app/ports/store.js';
import { redactIncident } from '../../core/access/need-to-know.js';
import type { ConsoleNamespace } from './create-socket-server.js';

/** The room of consoles whose people may know every incident (admins, IR managers). */
export const FULL = 'board:full';
/** The room of every other console: confidential incidents reach them redacted, unless on the list. */
export const LIMITED = 'board:limited';
/** The room of one person's consoles. */
export const userRoom = (id: string): string => `user:${id}`;

/** The incident as `batch` (one commit's changes) last changed it, if it did. */
function lastChangeOf(id: string, batch: readonly FeedChange[]): Promise<Incident> | undefined {
  for (let i = batch.length - 1; i >= 0; i--) {
    const change = batch[i]!;
    if ((change.type === 'incident:created' || change.type === 'incident:updated') && change.incident.id === id) return Promise.resolve(change.incident);
  }
  return undefined;
}

/** The incident as the commit read it, if it did (see ChangeSet.read). */
function knownOf(id: string, known: ReadonlyMap<string, Incident>): Promise<Incident> | undefined {
  const incident = known.get(id);
  return incident && Promise.resolve(incident);
}

/**
 * Fans committed changes out to consoles under need-to-know. An open incident, its timeline and
 * its pages go to every board. A confidential incident goes whole to managers and the people on its
 * list and redacted to everyone else; its timeline events and page updates go only to the people who
 * may know it (a page update tells who was paged, and when).
 */
export function createConsoleFanOut(ns: ConsoleNamespace, store: Pick<Store, 'getIncident' | 'listNeedToKnow'>, onError: (error: unknown) => void) {
  const listRooms = async (incident: Incident) => (await store.listNeedToKnow(incident.id)).map((e) => userRoom(e.userId));
  // A commit's events and pages mostly belong to a few incidents: the incident as that commit left it
  // (its last change in the batch, else as the commit read it, else one read after the commit) serves all of them. Never across
  // commits: a later one may have made it confidential.
  const reads = new WeakMap<readonly FeedChange[], Map<string, Promise<Incident | undefined>>>();
  const incidentOf = (id: string, batch: readonly FeedChange[], known: ReadonlyMap<string, Incident>) => {
    let read = reads.get(batch);
    if (!read) reads.set(batch, (read = new Map()));
    let incident = read.get(id);
    if (!incident) read.set(id, (incident = lastChangeOf(id, batch) ?? knownOf(id, known) ?? store.getIncident(id)));
    return incident;
  };
  const toKnowers = async (incidentId: string, batch: readonly FeedChange[], known: ReadonlyMap<string, Incident>, emit: (rooms: string[]) => void) => {
    const incident = await incidentOf(incidentId, batch, known);
    if (!incident) return;
    if (!incident.confidential) return emit([FULL, LIMITED]);
    emit([FULL, ...(await listRooms(incident))]);
  };

  return (change: FeedChange, batch: readonly FeedChange[] = [change], known: ReadonlyMap<string, Incident> = new Map()): void => {
    if (change.type === 'incident:created' || change.type === 'incident:updated') {
      const incident = change.incident;
      if (!incident.confidential) {
        ns.to([FULL, LIMITED]).emit(change.type, incident);
        return;
      }
      void listRooms(incident)
        .then((listed) => {
          ns.to(FULL).emit(change.type, incident);
          if (listed.length) ns.to(listed).except(FULL).emit(change.type, incident);
          ns.to(LIMITED).except(listed).emit(change.type, redactIncident(incident));
        })
        .catch(onError);
    } else if (change.type === 'timeline:appended') {
      void toKnowers(change.event.incidentId, batch, known, (rooms) => ns.to(rooms).emit('timeline:appended', change.event)).catch(onError);
    } else {
      void toKnowers(change.page.incidentId, batch, known, (rooms) => ns.to(rooms).emit('page:updated', change.page)).catch(onError);
    }
  };
}
