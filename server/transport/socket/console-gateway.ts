import type { z } from 'zod';
import type { CommandResult } from '../../../shared/schemas/command.js';
import type { Incident } from '../../../shared/schemas/incident.js';
import {
  AssignCommandSchema,
  DismissCommandSchema,
  IncidentIdsSchema,
  SetPriorityCommandSchema,
  VerdictCommandSchema,
} from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { FeedChange, IncidentFeed } from '../../app/feed/incident-feed.js';
import type { IncidentActions, Requester } from '../../app/incidents/incident-actions.js';
import { incidentsAsSeenBy, knownIds } from '../../app/incidents/incident-access.js';
import type { Store } from '../../app/ports/store.js';
import { can } from '../../core/access/permissions.js';
import { createConsoleFanOut, FULL, LIMITED, userRoom } from './console-fan-out.js';
import type { ConsoleNamespace } from './create-socket-server.js';
import type { SocketData } from './socket-auth.js';

/** Parses a socket command with its shared schema; answers `invalid` naming the field otherwise. */
function parseCommand<S extends z.ZodType>(schema: S, input: unknown): { ok: true; value: z.output<S> } | CommandResult<never> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'command';
  return { ok: false, error: { code: 'invalid', message: `${field}: ${issue.message}`, field } };
}

/**
 * The `/console` gateway: a consistent board snapshot on `board:subscribe`, live changes fanned out
 * from the incident feed (redacted for people without need-to-know), and the console's commands,
 * each validated and authorised by the incident actions.
 *
 * No gap, no duplicate: a console joins the board rooms BEFORE the snapshot is read, so every change
 * committed after the read arrives live; a change that arrives before the snapshot answer is also in
 * the snapshot or older, and consoles keep an incident's version with the highest `seq`.
 */
export function attachConsoleGateway(
  ns: ConsoleNamespace,
  deps: { store: Store; feed: IncidentFeed; actions: IncidentActions; log: Log },
): () => void {
  const fanOut: (change: FeedChange) => void = createConsoleFanOut(ns, deps.store, (error) =>
    deps.log.error({ err: error }, 'console fan-out failed'),
  );
  const unsubscribe = deps.feed.subscribe(fanOut);

  ns.on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    const who: Requester = { userId: user.id, role: user.role, address: socket.handshake.address };
    void socket.join(userRoom(user.id));

    const answer = <T>(ack: unknown, work: () => Promise<CommandResult<T>>) => {
      if (typeof ack !== 'function') return;
      work().then(
        (result) => ack(result),
        (error: unknown) => {
          deps.log.error({ err: error, userId: user.id }, 'console command failed');
          ack({ ok: false, error: { code: 'unavailable', message: 'the relay could not do that; try again' } });
        },
      );
    };

    socket.on('board:subscribe', (ack) =>
      answer(ack, async () => {
        await socket.join(can(user.role, 'see-confidential') ? FULL : LIMITED);
        const incidents: Incident[] = await deps.store.listOpenIncidents();
        const seq = incidents.reduce((max, i) => Math.max(max, i.seq), 0);
        // Pages of an incident tell who was paged and when: only for incidents the person may know.
        const known = await knownIds(deps.store, who, incidents);
        const pages = (await Promise.all(incidents.filter((i) => known.has(i.id)).map((i) => deps.store.listPages(i.id)))).flat();
        return { ok: true, value: { seq, incidents: await incidentsAsSeenBy(deps.store, who, incidents), pages } };
      }),
    );

    const command = <S extends z.ZodType>(schema: S, run: (value: z.output<S>) => Promise<CommandResult<unknown>>) =>
      (input: unknown, ack: unknown) =>
        answer(ack, async () => {
          const parsed = parseCommand(schema, input);
          if (!parsed.ok) return parsed;
          const result = await run(parsed.value);
          return result.ok ? { ok: true as const, value: undefined } : result;
        });

    socket.on('incident:acknowledge', command(IncidentIdsSchema, (c) => deps.actions.acknowledge(who, c.incidentIds)));
    socket.on('incident:resolve', command(IncidentIdsSchema, (c) => deps.actions.resolve(who, c.incidentIds)));
    socket.on('incident:dismiss', command(DismissCommandSchema, (c) => deps.actions.dismiss(who, c.incidentIds, c.reason)));
    socket.on('incident:set-priority', command(SetPriorityCommandSchema, (c) => deps.actions.setPriority(who, c.incidentIds, c.priority)));
    socket.on('incident:assign', command(AssignCommandSchema, (c) => deps.actions.assign(who, c.incidentIds, c.role, c.userId)));
    socket.on('incident:verdict', command(VerdictCommandSchema, (c) => deps.actions.verdict(who, c.incidentIds, c.verdict)));
  });

  return unsubscribe;
}

