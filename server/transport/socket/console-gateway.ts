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
import { incidentFor, redactIncident } from '../../app/incidents/redact.js';
import type { Store } from '../../app/ports/store.js';
import { can } from '../../core/access/permissions.js';
import { answerCommand } from './command-answer.js';
import type { ConsoleNamespace } from './create-socket-server.js';
import type { SocketData } from './socket-auth.js';

const FULL = 'board:full';
const LIMITED = 'board:limited';
const userRoom = (id: string) => `user:${id}`;

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
  const fanOut = (change: FeedChange) => {
    if (change.type === 'incident:created' || change.type === 'incident:updated') {
      const incident = change.incident;
      if (!incident.confidential) {
        ns.to([FULL, LIMITED]).emit(change.type, incident);
        return;
      }
      const assignees = [incident.triageAssignee, incident.forensicAssignee].filter((id): id is string => !!id).map(userRoom);
      ns.to(FULL).emit(change.type, incident);
      if (assignees.length) ns.to(assignees).except(FULL).emit(change.type, incident);
      ns.to(LIMITED).except(assignees).emit(change.type, redactIncident(incident));
    } else if (change.type === 'timeline:appended') {
      // Timeline events can carry details; only people who may know the incident get them.
      void deps.store.getIncident(change.event.incidentId).then((incident) => {
        if (!incident?.confidential) return ns.to([FULL, LIMITED]).emit('timeline:appended', change.event);
        const assignees = [incident.triageAssignee, incident.forensicAssignee].filter((id): id is string => !!id).map(userRoom);
        ns.to([FULL, ...assignees]).emit('timeline:appended', change.event);
      });
    } else {
      ns.to([FULL, LIMITED]).emit('page:updated', change.page);
    }
  };
  const unsubscribe = deps.feed.subscribe(fanOut);

  ns.on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    const who: Requester = { userId: user.id, role: user.role };
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
        const pages = (await Promise.all(incidents.map((i) => deps.store.listPages(i.id)))).flat();
        return { ok: true, value: { seq, incidents: incidents.map((i) => incidentFor(user, i)), pages } };
      }),
    );

    // Commands are carried out with or without a callback (see answerCommand); only the snapshot above needs one.
    const command = <S extends z.ZodType>(name: string, schema: S, run: (value: z.output<S>) => Promise<CommandResult<unknown>>) =>
      (input: unknown, ack: unknown) =>
        answerCommand({ socket, command: name, log: deps.log, userId: user.id }, input, ack, async (payload) => {
          const parsed = parseCommand(schema, payload);
          if (!parsed.ok) return parsed;
          const result = await run(parsed.value);
          return result.ok ? { ok: true as const, value: undefined } : result;
        });

    socket.on('incident:acknowledge', command('incident:acknowledge', IncidentIdsSchema, (c) => deps.actions.acknowledge(who, c.incidentIds)));
    socket.on('incident:resolve', command('incident:resolve', IncidentIdsSchema, (c) => deps.actions.resolve(who, c.incidentIds)));
    socket.on('incident:dismiss', command('incident:dismiss', DismissCommandSchema, (c) => deps.actions.dismiss(who, c.incidentIds, c.reason)));
    socket.on('incident:set-priority', command('incident:set-priority', SetPriorityCommandSchema, (c) => deps.actions.setPriority(who, c.incidentIds, c.priority)));
    socket.on('incident:assign', command('incident:assign', AssignCommandSchema, (c) => deps.actions.assign(who, c.incidentIds, c.role, c.userId)));
    socket.on('incident:verdict', command('incident:verdict', VerdictCommandSchema, (c) => deps.actions.verdict(who, c.incidentIds, c.verdict)));
  });

  return unsubscribe;
}

