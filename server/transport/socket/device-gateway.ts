import type { Socket } from 'socket.io';
import type { CommandResult } from '../../../shared/schemas/command.js';
import { DeviceIncidentCommandSchema, PageReadSchema } from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Escalator } from '../../app/escalation/escalator.js';
import type { ChannelSender } from '../../app/escalation/page-sender.js';
import type { IncidentActions } from '../../app/incidents/incident-actions.js';
import { escalationRefusal } from '../../app/incidents/incident-access.js';
import type { Store } from '../../app/ports/store.js';
import { commandListener } from './command-answer.js';
import type { DeviceNamespace } from './create-socket-server.js';
import { DELIVERY_TIMEOUT_MS, emitPage, phoneRoom, pushOf } from './device-fan-out.js';
import type { SocketData } from './socket-auth.js';

export { phoneRoom };

/**
 * The `/device` gateway for phones: pages arrive as `page` events whose acknowledgement marks them
 * delivered; every unread page is replayed (same ids) when a phone connects; `page:read`,
 * `incident:acknowledge`, `incident:resolve` and `incident:escalate` come back. Delivery receipts go
 * to the write-behind `delivered`. Returns the push channel sender the page sender uses.
 */
export function attachDeviceGateway(
  ns: DeviceNamespace,
  deps: {
    store: Store;
    escalator: Escalator;
    actions: IncidentActions;
    log: Log;
    /** Notes a phone's delivery receipt (written behind, with others). */
    delivered: (pageId: string) => void;
    /** Writes the receipts noted so far, so that a page's delivery is recorded before its read. */
    flushReceipts: () => Promise<void>;
  },
): ChannelSender {
  const serviceName = async (serviceId: string) => (await deps.store.getService(serviceId))?.name ?? serviceId;

  // Each listener is made once and shared by every phone's socket (see commandListener).
  const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) => {
    const parsed = schema.safeParse(input);
    if (parsed.success) return { ok: true as const, value: parsed.data };
    const issue = parsed.error.issues[0]!;
    const field = issue.path.map(String).join('.') || 'command';
    return { ok: false as const, error: { code: 'invalid' as const, message: `${field}: ${issue.message}`, field } };
  };
  const userOf = (socket: Socket) => (socket.data as SocketData).user;
  const whoOf = (socket: Socket) => ({ userId: userOf(socket).id, role: userOf(socket).role });
  // A command without a callback is carried out all the same (the public contract); a refusal then comes as `command:refused`.
  const command = (event: string, work: (socket: Socket, input: unknown) => Promise<CommandResult<unknown>>) =>
    [event, commandListener(event, async (socket, input): Promise<CommandResult<undefined>> => {
      const result = await work(socket, input);
      return result.ok ? { ok: true, value: undefined } : result;
    }, deps.log)] as const;
  const commands = [
    command('page:read', async (socket, input) => {
      const c = parse(PageReadSchema, input);
      if (!c.ok) return c;
      await deps.flushReceipts();
      return deps.escalator.pageRead(userOf(socket).id, c.value.id);
    }),
    command('incident:acknowledge', async (socket, input) => {
      const c = parse(DeviceIncidentCommandSchema, input);
      return c.ok ? deps.actions.acknowledge(whoOf(socket), [c.value.incidentId]) : c;
    }),
    command('incident:resolve', async (socket, input) => {
      const c = parse(DeviceIncidentCommandSchema, input);
      return c.ok ? deps.actions.resolve(whoOf(socket), [c.value.incidentId]) : c;
    }),
    command('incident:escalate', async (socket, input) => {
      const c = parse(DeviceIncidentCommandSchema, input);
      if (!c.ok) return c;
      const who = whoOf(socket);
      const refusal = await escalationRefusal(deps.store, who, await deps.store.getIncident(c.value.incidentId));
      if (refusal === 'forbidden') {
        return { ok: false, error: { code: 'forbidden', message: `escalating needs a role that may act on incidents; you are ${who.role}` } };
      }
      if (refusal) return { ok: false, error: { code: 'not_found', message: 'no such incident', field: 'incidentId' } };
      return deps.escalator.escalateNow(who.userId, c.value.incidentId);
    }),
  ];

  /** Replays every unread page from the store, with the same ids: the phone drops ones it has. */
  const replay = async (socket: Socket, userId: string) => {
    for (const page of await deps.store.listUnreadPages(userId, 'push')) {
      const incident = await deps.store.getIncident(page.incidentId);
      if (!incident || !socket.connected) continue;
      socket.timeout(DELIVERY_TIMEOUT_MS).emit('page', pushOf(page, incident, await serviceName(incident.serviceId), page.attempts), ((error: Error | null) => {
        if (!error) deps.delivered(page.id);
      }) as never);
    }
  };

  // The phone is in its person's room already (phoneRoom: joined by every socket on connection).
  ns.on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    // Events are read as sent, whatever their arguments: typed event maps are not validation.
    for (const [event, listener] of commands) (socket as unknown as Socket).on(event, listener as never);
    replay(socket as unknown as Socket, user.id).catch((error: unknown) => deps.log.error({ err: error, userId: user.id }, 'replaying pages failed'));
  });

  return async (page, incident, user, attempt) => {
    const room = phoneRoom(user.id);
    const sockets = await ns.in(room).fetchSockets();
    if (sockets.length === 0) return { status: 'unreachable' };
    emitPage(ns, user.id, pushOf(page, incident, await serviceName(incident.serviceId), attempt), deps.delivered);
    return { status: 'sent' };
  };
}
