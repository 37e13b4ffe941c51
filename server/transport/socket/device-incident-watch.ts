import type { Socket } from 'socket.io';
import type { CommandResult } from '../../../shared/schemas/command.js';
import { IncidentWatchSchema } from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { FeedChange, IncidentFeed } from '../../app/feed/incident-feed.js';
import { knows, type AccessReads } from '../../app/incidents/incident-access.js';
import type { Store } from '../../app/ports/store.js';
import { commandListener } from './command-answer.js';
import type { DeviceNamespace } from './create-socket-server.js';
import type { SocketData } from './socket-auth.js';

/** The room of the phones whose incident view shows one incident they may know. */
export const incidentWatchRoom = (incidentId: string): string => `watch:${incidentId}`;
/** The room of the phones watching an incident they may only know exists (a confidential one). */
const limitedWatchRoom = (incidentId: string): string => `watch-limited:${incidentId}`;

const incidentIdOf = (change: FeedChange): string =>
  change.type === 'timeline:appended' ? change.event.incidentId : change.type === 'page:updated' ? change.page.incidentId : change.incident.id;

/**
 * Lets a phone watch the incident its view shows (`incident:watch {incidentId}`, one at a time;
 * `null` stops) and tells it `incident:changed {incidentId}` when the incident changes. Only the id
 * goes out, and the phone fetches the view again over HTTP, where need-to-know applies. A phone that
 * may not know a confidential incident hears only of changes to the incident itself (its state, as
 * the console's limited board does), never when notes or pages are added. Returns the function that
 * stops listening to the feed.
 */
export function attachDeviceIncidentWatch(
  ns: DeviceNamespace,
  deps: { store: Pick<Store, 'getIncident'> & AccessReads; feed: IncidentFeed; log: Log },
): () => void {
  const unsubscribe = deps.feed.subscribe((change) => {
    const incidentId = incidentIdOf(change);
    const rooms = change.type === 'incident:created' || change.type === 'incident:updated'
      ? [incidentWatchRoom(incidentId), limitedWatchRoom(incidentId)]
      : [incidentWatchRoom(incidentId)];
    ns.to(rooms).emit('incident:changed', { incidentId });
  });

  // One listener for every phone (see commandListener); the incident a phone watches is on its socket.
  const watch = commandListener('incident:watch', async (socket, input): Promise<CommandResult<undefined>> => {
    const parsed = IncidentWatchSchema.safeParse(input);
    if (!parsed.success) {
      return { ok: false, error: { code: 'invalid', message: 'incidentId: give an incident id or null', field: 'incidentId' } };
    }
    const data = socket.data as SocketData & { watching?: string | null };
    const next = parsed.data.incidentId;
    const incident = next === null ? undefined : await deps.store.getIncident(next);
    if (next !== null && !incident) return { ok: false, error: { code: 'not_found', message: 'no such incident', field: 'incidentId' } };
    if (data.watching) {
      await socket.leave(incidentWatchRoom(data.watching));
      await socket.leave(limitedWatchRoom(data.watching));
    }
    data.watching = next;
    if (incident) {
      const full = await knows(deps.store, { userId: data.user.id, role: data.user.role }, incident);
      await socket.join(full ? incidentWatchRoom(incident.id) : limitedWatchRoom(incident.id));
    }
    return { ok: true, value: undefined };
  }, deps.log);
  ns.on('connection', (socket) => {
    (socket as unknown as Socket).on('incident:watch', watch as never);
  });
  return unsubscribe;
}
