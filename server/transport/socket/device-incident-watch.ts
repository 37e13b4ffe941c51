import { IncidentWatchSchema } from '../../../shared/socket-events.js';
import type { FeedChange, IncidentFeed } from '../../app/feed/incident-feed.js';
import type { Store } from '../../app/ports/store.js';
import type { DeviceNamespace } from './create-socket-server.js';

/** The room of the phones whose incident view shows one incident. */
export const incidentWatchRoom = (incidentId: string): string => `watch:${incidentId}`;

const incidentIdOf = (change: FeedChange): string =>
  change.type === 'timeline:appended' ? change.event.incidentId : change.type === 'page:updated' ? change.page.incidentId : change.incident.id;

/**
 * Lets a phone watch the incident its view shows (`incident:watch {incidentId}`, one at a time;
 * `null` stops) and tells it `incident:changed {incidentId}` whenever the incident, its timeline or
 * its pages change. Only the id goes out: the phone fetches the view again over HTTP, where
 * need-to-know applies, so nothing about a confidential incident travels on this event. Returns the
 * function that stops listening to the feed.
 */
export function attachDeviceIncidentWatch(ns: DeviceNamespace, deps: { store: Pick<Store, 'getIncident'>; feed: IncidentFeed }): () => void {
  const unsubscribe = deps.feed.subscribe((change) => {
    const incidentId = incidentIdOf(change);
    ns.to(incidentWatchRoom(incidentId)).emit('incident:changed', { incidentId });
  });

  ns.on('connection', (socket) => {
    let watching: string | null = null;
    socket.on('incident:watch', (input, ack) => {
      const reply = typeof ack === 'function' ? ack : () => {};
      const parsed = IncidentWatchSchema.safeParse(input);
      if (!parsed.success) {
        reply({ ok: false, error: { code: 'invalid', message: 'incidentId: give an incident id or null', field: 'incidentId' } });
        return;
      }
      const next = parsed.data.incidentId;
      void (async () => {
        if (next !== null && !(await deps.store.getIncident(next))) {
          reply({ ok: false, error: { code: 'not_found', message: 'no such incident', field: 'incidentId' } });
          return;
        }
        if (watching) await socket.leave(incidentWatchRoom(watching));
        watching = next;
        if (next) await socket.join(incidentWatchRoom(next));
        reply({ ok: true, value: undefined });
      })().catch(() => reply({ ok: false, error: { code: 'unavailable', message: 'the relay could not do that; try again' } }));
    });
  });
  return unsubscribe;
}
