import type { z } from 'zod';
import type { CommandResult } from '../../../shared/schemas/command.js';
import {
  AssignCommandSchema,
  DismissCommandSchema,
  IncidentIdsSchema,
  SetPriorityCommandSchema,
  VerdictCommandSchema,
} from '../../../shared/socket-events.js';
import type { Log } from '../../adapters/log/create-logger.js';
import type { FeedListener, IncidentFeed } from '../../app/feed/incident-feed.js';
import type { IncidentActions, Requester } from '../../app/incidents/incident-actions.js';
import type { Store } from '../../app/ports/store.js';
import { can } from '../../core/access/permissions.js';
import { coalesced, readBoardSnapshot } from './board-snapshot.js';
import { answerCommand, commandArgs } from './command-answer.js';
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
  const fanOut: FeedListener = createConsoleFanOut(ns, deps.store, (error) =>
    deps.log.error({ err: error }, 'console fan-out failed'),
  );
  const unsubscribe = deps.feed.subscribe(fanOut);

  ns.on('connection', (socket) => {
    const user = (socket.data as SocketData).user;
    const who: Requester = { userId: user.id, role: user.role, address: socket.handshake.address };
    void socket.join(userRoom(user.id));

    // Events are read as sent, whatever their arguments: typed event maps are not validation.
    const on = (event: string, handler: (...args: unknown[]) => void) => (socket as unknown as { on(e: string, h: (...a: unknown[]) => void): void }).on(event, handler);
    const logAs = { log: deps.log, userId: user.id };
    const board = () => socket.join(can(user.role, 'see-confidential') ? FULL : LIMITED);

    // One snapshot in flight per socket: repeats while it runs get the same answer.
    const subscribe = coalesced(async () => {
      await board();
      return { ok: true as const, value: await readBoardSnapshot(deps.store, who) };
    });
    on('board:subscribe', (...args) => {
      const { ack } = commandArgs(args);
      // Without a callback nobody would receive the snapshot: only the live feed is joined.
      if (!ack) return void Promise.resolve(board()).catch(() => undefined);
      answerCommand(socket, 'board:subscribe', ack, subscribe, logAs);
    });

    const command = <S extends z.ZodType>(event: string, schema: S, run: (value: z.output<S>) => Promise<CommandResult<unknown>>) =>
      on(event, (...args) => {
        const { input, ack } = commandArgs(args);
        answerCommand(socket, event, ack, async () => {
          const parsed = parseCommand(schema, input);
          if (!parsed.ok) return parsed;
          const result = await run(parsed.value);
          return result.ok ? { ok: true as const, value: undefined } : result;
        }, logAs);
      });

    command('incident:acknowledge', IncidentIdsSchema, (c) => deps.actions.acknowledge(who, c.incidentIds));
    command('incident:resolve', IncidentIdsSchema, (c) => deps.actions.resolve(who, c.incidentIds));
    command('incident:dismiss', DismissCommandSchema, (c) => deps.actions.dismiss(who, c.incidentIds, c.reason));
    command('incident:set-priority', SetPriorityCommandSchema, (c) => deps.actions.setPriority(who, c.incidentIds, c.priority));
    command('incident:assign', AssignCommandSchema, (c) => deps.actions.assign(who, c.incidentIds, c.role, c.userId));
    command('incident:verdict', VerdictCommandSchema, (c) => deps.actions.verdict(who, c.incidentIds, c.verdict));
  });

  return unsubscribe;
}

