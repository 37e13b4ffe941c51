import type { CommandResult } from '../../../shared/schemas/command.js';
import { DeviceIncidentCommandSchema, PageReadSchema } from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { Escalator } from '../../app/escalation/escalator.js';
import type { ChannelSender } from '../../app/escalation/page-sender.js';
import type { IncidentActions } from '../../app/incidents/incident-actions.js';
import { escalationRefusal } from '../../app/incidents/incident-access.js';
import type { Store } from '../../app/ports/store.js';
import { answerCommand, commandArgs } from './command-answer.js';
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

  ns.on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    void socket.join(phoneRoom(user.id));

    // Events are read as sent, whatever their arguments: typed event maps are not validation.
    const on = (event: string, handler: (...args: unknown[]) => void) => (socket as unknown as { on(e: string, h: (...a: unknown[]) => void): void }).on(event, handler);
    // A command without a callback is carried out all the same (the public contract); a refusal then comes as `command:refused`.
    const command = (event: string, work: (input: unknown) => Promise<CommandResult<unknown>>) =>
      on(event, (...args) => {
        const { input, ack } = commandArgs(args);
        answerCommand(socket, event, ack, async (): Promise<CommandResult<undefined>> => {
          const result = await work(input);
          return result.ok ? { ok: true, value: undefined } : result;
        }, { log: deps.log, userId: user.id });
      });
    const parse = <T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, input: unknown) => {
      const parsed = schema.safeParse(input);
      if (parsed.success) return { ok: true as const, value: parsed.data };
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.') || 'command';
      return { ok: false as const, error: { code: 'invalid' as const, message: `${field}: ${issue.message}`, field } };
    };
    const who = { userId: user.id, role: user.role };

    command('page:read', async (input) => {
      const c = parse(PageReadSchema, input);
      if (!c.ok) return c;
      await deps.flushReceipts();
      return deps.escalator.pageRead(user.id, c.value.id);
    });
    command('incident:acknowledge', async (input) => {
      const c = parse(DeviceIncidentCommandSchema, input);
      return c.ok ? deps.actions.acknowledge(who, [c.value.incidentId]) : c;
    });
    command('incident:resolve', async (input) => {
      const c = parse(DeviceIncidentCommandSchema, input);
      return c.ok ? deps.actions.resolve(who, [c.value.incidentId]) : c;
    });
    command('incident:escalate', async (input) => {
      const c = parse(DeviceIncidentCommandSchema, input);
      if (!c.ok) return c;
      const refusal = await escalationRefusal(deps.store, who, await deps.store.getIncident(c.value.incidentId));
      if (refusal === 'forbidden') {
        return { ok: false, error: { code: 'forbidden', message: `escalating needs a role that may act on incidents; you are ${user.role}` } };
      }
      if (refusal) return { ok: false, error: { code: 'not_found', message: 'no such incident', field: 'incidentId' } };
      return deps.escalator.escalateNow(user.id, c.value.incidentId);
    });

    // Replay every unread page from the store, with the same ids: the phone drops ones it has.
    void (async () => {
      for (const page of await deps.store.listUnreadPages(user.id, 'push')) {
        const incident = await deps.store.getIncident(page.incidentId);
        if (!incident || !socket.connected) continue;
        socket.timeout(DELIVERY_TIMEOUT_MS).emit('page', pushOf(page, incident, await serviceName(incident.serviceId), page.attempts), ((error: Error | null) => {
          if (!error) deps.delivered(page.id);
        }) as never);
      }
    })().catch((error: unknown) => deps.log.error({ err: error, userId: user.id }, 'replaying pages failed'));
  });

  return async (page, incident, user, attempt) => {
    const room = phoneRoom(user.id);
    const sockets = await ns.in(room).fetchSockets();
    if (sockets.length === 0) return { status: 'unreachable' };
    emitPage(ns, user.id, pushOf(page, incident, await serviceName(incident.serviceId), attempt), deps.delivered);
    return { status: 'sent' };
  };
}
