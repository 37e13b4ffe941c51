import type { Incident } from '../../../shared/schemas/incident.js';
import type { Page, PagePush } from '../../../shared/schemas/page.js';
import type { ChannelOutcome } from '../../app/escalation/page-sender.js';
import type { BatchSender } from '../../app/escalation/level-sender.js';
import type { PhoneLine } from '../../app/escalation/phone-line.js';
import type { Store } from '../../app/ports/store.js';
import { pagedIncident } from '../../core/access/need-to-know.js';
import type { DeviceNamespace } from './create-socket-server.js';
import { personRoom } from './socket-sessions.js';

/**
 * The Socket.IO room of every connected phone of a person: the person's own room, which every socket
 * joins on connection (see socket-sessions.ts), so a phone costs no room of its own.
 */
export const phoneRoom = personRoom;
const PERSON_ROOM_PREFIX = personRoom('');
/** How long a phone has to acknowledge receipt of a page. */
export const DELIVERY_TIMEOUT_MS = 15_000;
/** Up to this many people a level asks for their rooms one by one; above, it lists the namespace once. */
const FEW = 4;

/** What a phone receives for a page: a confidential incident's page carries the redacted paging text only. */
export function pushOf(page: Page, incident: Incident, serviceName: string, attempt: number): PagePush {
  return {
    id: page.id,
    incidentId: incident.id,
    summary: pagedIncident(incident, serviceName).summary,
    priority: incident.priority,
    serviceName,
    createdAt: page.createdAt,
    attempt: Math.max(1, attempt),
  };
}

/**
 * Emits `push` to every phone of `userId` and notes a delivery when one acknowledges it. Delivered
 * only when a phone acknowledged: a room that emptied since it was looked at answers at once with
 * no error and no responses, and nobody has the page then.
 */
export function emitPage(ns: DeviceNamespace, userId: string, push: PagePush, delivered: (pageId: string) => void): void {
  ns.to(phoneRoom(userId))
    .timeout(DELIVERY_TIMEOUT_MS)
    .emit('page', push, ((_error: Error | null, responses: unknown[]) => {
      if (Array.isArray(responses) && responses.length > 0) delivered(push.id);
    }) as never);
}

/** Which of `userIds` have a phone connected on any relay (through the adapter, so Redis too). */
async function connectedPeople(ns: DeviceNamespace, userIds: string[]): Promise<Set<string>> {
  const wanted = new Set(userIds);
  if (wanted.size <= FEW) {
    const found = await Promise.all([...wanted].map(async (id) => ((await ns.in(phoneRoom(id)).fetchSockets()).length > 0 ? id : undefined)));
    return new Set(found.filter((id) => id !== undefined));
  }
  // One look at the namespace instead of a look per person: a level of 500 is one adapter request.
  const connected = new Set<string>();
  for (const socket of await ns.fetchSockets()) {
    for (const room of socket.rooms) {
      const id = room.startsWith(PERSON_ROOM_PREFIX) ? room.slice(PERSON_ROOM_PREFIX.length) : undefined;
      if (id !== undefined && wanted.has(id)) connected.add(id);
    }
  }
  return connected;
}

/**
 * The phone app's socket for a whole level: one look at who is connected, then one `page` emit per
 * person straight away (no store write in between); the acknowledgements go to `delivered`. A person
 * with no phone connected is `unreachable` (the page waits for the replay on connect).
 */
export function createDeviceFanOut(ns: DeviceNamespace, deps: { store: Pick<Store, 'getService'>; delivered: (pageId: string) => void }): BatchSender {
  return async (items, incident, attempt) => {
    const [connected, service] = await Promise.all([
      connectedPeople(ns, items.map((item) => item.user.id)),
      deps.store.getService(incident.serviceId),
    ]);
    const serviceName = service?.name ?? incident.serviceId;
    return items.map(({ page, user }): ChannelOutcome => {
      if (!connected.has(user.id)) return { status: 'unreachable' };
      emitPage(ns, user.id, pushOf(page, incident, serviceName, attempt), deps.delivered);
      return { status: 'sent' };
    });
  };
}

/**
 * The phones connected to this relay, for a step to ring straight after its commit: whether a person
 * has one is a look at this relay's own room of them (no adapter request), and a ring is one `page`
 * emit per page, its acknowledgements going to `delivered`. A page whose emit throws goes to
 * `onError` and the others are still rung (it stays sent: the phone's replay on connect brings it).
 */
export function createPhoneLine(ns: DeviceNamespace, delivered: (pageId: string) => void, onError: (error: unknown, page: Page) => void): PhoneLine {
  return {
    connectedHere: (userId) => (ns.adapter.rooms.get(phoneRoom(userId))?.size ?? 0) > 0,
    ring(pages, incident, serviceName) {
      for (const page of pages) {
        try {
          emitPage(ns, page.userId, pushOf(page, incident, serviceName, 1), delivered);
        } catch (error) {
          onError(error, page);
        }
      }
    },
  };
}
